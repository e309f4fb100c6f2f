import { escapeMarkdownCell, inlineCode } from './markdown';

/**
 * CommonMark's code span: it opens with a run of N backticks and closes at the next run of exactly
 * N; one leading and one trailing space are stripped when both are there.
 */
function parseCodeSpan(markdown: string): string | undefined {
  const fence = /^`+/.exec(markdown)?.[0];
  if (!fence) return undefined;
  const rest = markdown.slice(fence.length);
  const closing = [...rest.matchAll(/`+/g)].find(
    run => run[0].length === fence.length,
  );
  if (!closing || closing.index! + fence.length !== rest.length) {
    return undefined; // the span closes early (or never): the text broke out of it
  }
  const inner = rest.slice(0, closing.index);
  return inner.startsWith(' ') && inner.endsWith(' ') && inner.trim() !== ''
    ? inner.slice(1, -1)
    : inner;
}

describe('inlineCode', () => {
  it.each(['plain', 'a`b', 'a``b', '`edge`', 'x```y`z', 'tail``'])(
    'keeps %s whole inside one code span',
    text => {
      expect(parseCodeSpan(inlineCode(text))).toBe(text);
    },
  );
});

describe('line breaks', () => {
  // CommonMark ends a line at a lone CR too, so it would end a list item or table row as LF does.
  it.each(['a\nb', 'a\r\nb', 'a\rb'])('turns %j into one line', text => {
    expect(inlineCode(text)).toBe('`a b`');
    expect(escapeMarkdownCell(text)).toBe('a b');
  });
});
