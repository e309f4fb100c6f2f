import { escapeMarkdownCell, inlineCode } from './markdown';

/** What `mesh:bundle:validate` outputs, or a sentence a template author wrote. */
export type ValidationInput =
  | string
  | {
      valid?: boolean;
      problemCount?: number;
      problems?: Array<{
        file?: string;
        subject?: string;
        path?: string;
        message?: string;
      }>;
      summary?: string;
    };

const maxProblems = 20;

/** The validation result as the reviewer should read it: passed, failed with problems, or not run. */
export function validationSection(
  validation: ValidationInput | undefined,
): string {
  if (validation === undefined || validation === '') {
    return 'Not validated in this task — run `mesh:bundle:validate` before this step.';
  }
  if (typeof validation === 'string') {
    return validation
      .split(/\r?\n/)
      .map(line => `> ${escapeMarkdownCell(line)}`)
      .join('\n');
  }
  const problems = validation.problems ?? [];
  const count = validation.problemCount ?? problems.length;
  const summary = validation.summary
    ? `\n\n${validation.summary
        .split(/\r?\n/)
        .map(l => `- ${escapeMarkdownCell(l)}`)
        .join('\n')}`
    : '';
  if (
    validation.valid === true ||
    (validation.valid === undefined && count === 0)
  ) {
    return `✅ Valid: every object passed its schema and the mesh rules.${summary}`;
  }
  const lines = problems
    .slice(0, maxProblems)
    .map(
      p =>
        `- ${inlineCode(p.file ?? '')} ${escapeMarkdownCell(p.subject ?? '')}` +
        `${p.path ? ` ${inlineCode(p.path)}` : ''}: ${escapeMarkdownCell(
          p.message ?? '',
        )}`,
    );
  if (count > lines.length) {
    lines.push(`- … and ${count - lines.length} more`);
  }
  return `❌ ${count} problem(s) found — do not merge until they are fixed:\n\n${lines.join(
    '\n',
  )}${summary}`;
}
