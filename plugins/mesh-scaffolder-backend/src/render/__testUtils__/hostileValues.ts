/**
 * Strings built to break out of a YAML scalar or a template: document separators, new keys,
 * flow/block indicators, anchors, aliases, tags, template delimiters of nunjucks and Backstage,
 * quotes, control and unicode line breaks, and very long text.
 */
const FRAGMENTS = [
  '\n---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: injected',
  '\nkind: Secret',
  'x\n  injected: true',
  '{{ 7 * 7 }}',
  '{% raw %}x{% endraw %}',
  '{% include "namespaces/namespaces.yaml.njk" %}',
  '${{ parameters.secret }}',
  '{{ range.constructor("return process")() }}',
  '&anchor value',
  '*alias',
  '!!binary aGVsbG8=',
  '!tag value',
  '"quoted"',
  "'single'",
  '\\"escaped',
  '- list item',
  '? complex key',
  ': colon start',
  'key: value',
  '# comment',
  '| block',
  '> folded',
  '[flow, seq]',
  '{flow: map}',
  '@reserved',
  '`backtick`',
  '%YAML 1.1',
  '...',
  '---',
  'true',
  'null',
  '0x1F',
  '1e3',
  '~',
  '\t tab',
  '\r\ncarriage',
  'line\u2028separator',
  'para\u2029separator',
  '\u0000nul',
  '\u001b[31mansi',
  'ünïcödé ✓ 日本語 🚀',
  '\ufeffbom',
  '../../etc/passwd',
  '/absolute/path',
  'a/../../b',
  '<script>alert(1)</script>',
  '=cmd|calc',
];

/** The base fragments alone, plus 64 KiB of text: the cheaper set for suites that render each value. */
export function hostileFragments(): string[] {
  return [...FRAGMENTS, 'x'.repeat(64 * 1024)];
}

/** At least 200 hostile values: every fragment alone, prefixed, suffixed, embedded, doubled, and 64 KiB texts. */
export function hostileValues(): string[] {
  const values = new Set<string>();
  for (const fragment of FRAGMENTS) {
    values.add(fragment);
    values.add(`safe${fragment}`);
    values.add(`${fragment}safe`);
    values.add(`a-b ${fragment} c`);
    values.add(`${fragment}\n${fragment}`);
  }
  values.add('x'.repeat(64 * 1024));
  values.add(`${'\n---\n'.repeat(8 * 1024)}`);
  return [...values];
}
