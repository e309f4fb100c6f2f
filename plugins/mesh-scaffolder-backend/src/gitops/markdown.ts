/**
 * Text from the bundle (object names, validation messages) goes into Markdown; escaping keeps a
 * name from breaking the table or injecting links and mentions into the reviewer's view.
 */
export function escapeMarkdownCell(text: string): string {
  return text
    .replace(/\r?\n/g, ' ')
    .replace(/([\\`*_{}[\]()#+!|<>@~])/g, '\\$1');
}

/** Inline code that survives backticks in the text. */
export function inlineCode(text: string): string {
  const clean = text.replace(/\r?\n/g, ' ');
  const fence = clean.includes('`') ? '``' : '`';
  return `${fence}${fence === '``' ? ` ${clean} ` : clean}${fence}`;
}
