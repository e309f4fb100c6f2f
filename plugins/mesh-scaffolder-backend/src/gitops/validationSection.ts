import type { BundleProblem } from '../bundle/meshBundle';
import { deletionWarnings, RemovedObject } from '../validate/deletionWarnings';
import { escapeMarkdownCell, inlineCode } from './markdown';

/**
 * The product's own check of the bundle a change proposes (validateProposedBundle), never a
 * caller's claim: the body states what this check found.
 */
export interface ValidationInput {
  problems: BundleProblem[];
}

const maxListed = 20;

function listed(findings: BundleProblem[]): string {
  const lines = findings
    .slice(0, maxListed)
    .map(
      p =>
        `- ${inlineCode(p.file)} ${escapeMarkdownCell(p.subject)}` +
        `${p.path ? ` ${inlineCode(p.path)}` : ''}: ${escapeMarkdownCell(
          p.message,
        )}`,
    );
  if (findings.length > lines.length) {
    lines.push(`- … and ${findings.length - lines.length} more`);
  }
  return lines.join('\n');
}

/**
 * The validation result as the reviewer should read it: passed or failed with its problems, then
 * a warning for every Namespace, CRD, PersistentVolumeClaim or Secret the change removes.
 */
export function validationSection(
  validation: ValidationInput | undefined,
  removed: RemovedObject[] = [],
): string {
  if (validation === undefined) {
    return 'Not validated — the `mesh:gitops:pull-request` action validates the bundle it proposes.';
  }
  const { problems } = validation;
  const verdict =
    problems.length === 0
      ? '✅ Valid: every object passed its schema and the mesh rules.'
      : `❌ ${
          problems.length
        } problem(s) found — do not merge until they are fixed:\n\n${listed(
          problems,
        )}`;
  const warnings = deletionWarnings(removed);
  return warnings.length === 0
    ? verdict
    : `${verdict}\n\n⚠️ ${warnings.length} warning(s):\n\n${listed(warnings)}`;
}
