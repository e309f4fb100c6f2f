import type { BundleProblem } from '../bundle/meshBundle';

/** The problems without repeats: one object or file can trip the same check more than once. */
export function dedupeProblems(problems: BundleProblem[]): BundleProblem[] {
  const seen = new Set<string>();
  return problems.filter(p => {
    const key = JSON.stringify([p.file, p.subject, p.path, p.message]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
