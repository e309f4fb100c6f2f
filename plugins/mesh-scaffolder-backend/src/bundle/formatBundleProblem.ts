import { BundleProblem } from './meshBundle';

/** One problem on one line, `<file>: <subject> <field path>: <message>`, as tasks and the CLI print it. */
export function formatBundleProblem(problem: BundleProblem): string {
  const where = problem.path ? ` ${problem.path}` : '';
  return `${problem.file}: ${problem.subject}${where}: ${problem.message}`;
}
