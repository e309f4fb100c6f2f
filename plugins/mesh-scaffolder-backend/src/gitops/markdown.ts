/** CommonMark ends a line at LF, CR LF and a lone CR alike. */
const lineBreaks = /\r\n?|\n/g;

/**
 * Text from the bundle (object names, validation messages) goes into Markdown; escaping keeps a
 * name from breaking the table or injecting links and mentions into the reviewer's view.
 */
export function escapeMarkdownCell(text: string): string {
  return text
    .replace(lineBreaks, ' ')
    .replace(/([\\`*_{}[\]()#+!|<>@~])/g, '\\$1');
}

/**
 * Inline code that survives any backticks in the text: CommonMark closes a code span only at a
 * backtick run of the opening fence's length, so the fence is one longer than the longest run
 * inside, and padded with spaces when the text touches a backtick.
 */
export function inlineCode(text: string): string {
  const clean = text.replace(lineBreaks, ' ');
  const longestRun = Math.max(
    0,
    ...(clean.match(/`+/g) ?? []).map(run => run.length),
  );
  const fence = '`'.repeat(longestRun + 1);
  const pad = longestRun > 0 ? ' ' : '';
  return `${fence}${pad}${clean}${pad}${fence}`;
}
