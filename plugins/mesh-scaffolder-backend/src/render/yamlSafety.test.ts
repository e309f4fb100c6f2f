import { parseRenderedYaml } from './parseRenderedYaml';
import { serializeYamlDocument, serializeYamlDocuments } from './serializeYaml';
import { yamlValue } from './yamlValue';
import { hostileValues } from './__testUtils__/hostileValues';

describe('yamlValue', () => {
  it.each(hostileValues().map(v => [JSON.stringify(v).slice(0, 60), v]))(
    'keeps %s one scalar in its own field',
    (_label, value) => {
      // GIVEN a hostile value placed in a field the way templates place it
      const text = `kind: ConfigMap\nfield: ${yamlValue(
        value,
      )}\nother: fixed\n`;
      // WHEN the result is parsed
      const documents = parseRenderedYaml(text, 'test');
      // THEN it is one document with the same keys, and the field holds the exact value
      expect(documents).toEqual([
        { kind: 'ConfigMap', field: value, other: 'fixed' },
      ]);
    },
  );

  it('encodes maps and lists as one flow collection', () => {
    const value = { 'a: b': ['x\n---', { '&k': '*v' }] };
    expect(parseRenderedYaml(`v: ${yamlValue(value)}\n`, 't')).toEqual([
      { v: value },
    ]);
  });

  it('refuses undefined, so a template bug cannot print an empty field', () => {
    expect(() => yamlValue(undefined)).toThrow('undefined');
  });
});

describe('parseRenderedYaml', () => {
  it.each([
    ['an anchor and alias', 'a: &x 1\nb: *x\n', 'anchor'],
    ['an alias', 'b: *x\n', 'alias'],
    ['an anchor', 'a: &x 1\n', 'anchor'],
    ['a tag', 'a: !!str 1\n', 'tag'],
    ['a custom tag', 'a: !custom 1\n', 'tag'],
    ['a duplicate key', 'a: 1\na: 2\n', 'does not parse'],
    ['broken syntax', 'a: [1\n', 'does not parse'],
  ])('rejects %s', (_label, text, message) => {
    expect(() => parseRenderedYaml(text, 'pack/template.njk')).toThrow(message);
  });

  it('names the template in its error', () => {
    expect(() => parseRenderedYaml('a: *x\n', 'policy/x.njk')).toThrow(
      /^policy\/x.njk: /,
    );
  });

  it('returns every document and skips empty ones', () => {
    expect(parseRenderedYaml('---\na: 1\n---\n---\nb: 2\n', 't')).toEqual([
      { a: 1 },
      { b: 2 },
    ]);
  });
});

describe('serializeYaml', () => {
  it('puts apiVersion, kind, metadata (name, namespace) first and sorts every other key', () => {
    // GIVEN an object with keys in arbitrary order
    const object = {
      spec: { z: 1, a: { y: true, b: [{ d: 1, c: 2 }] } },
      metadata: { labels: { b: '1', a: '2' }, namespace: 'ns', name: 'n' },
      kind: 'K',
      apiVersion: 'v1',
    };
    // WHEN serialized THEN the order is fixed
    expect(serializeYamlDocument(object)).toBe(
      [
        'apiVersion: v1',
        'kind: K',
        'metadata:',
        // n and y are booleans to YAML 1.1 readers, so they are quoted
        '  name: "n"',
        '  namespace: ns',
        '  labels:',
        '    a: "2"',
        '    b: "1"',
        'spec:',
        '  a:',
        '    b:',
        '      - c: 2',
        '        d: 1',
        '    "y": true',
        '  z: 1',
        '',
      ].join('\n'),
    );
  });

  it('writes repeated objects in full, never as anchors', () => {
    const shared = { a: 1 };
    expect(serializeYamlDocument({ x: shared, y: shared })).toBe(
      'x:\n  a: 1\n"y":\n  a: 1\n',
    );
  });

  it('does not fold long strings and quotes strings that look like other types', () => {
    const long = 'word '.repeat(100).trim();
    const text = serializeYamlDocument({ long, t: 'true', n: '1', e: '' });
    expect(text.split('\n')).toHaveLength(5);
    expect(parseRenderedYaml(text, 't')).toEqual([
      { long, t: 'true', n: '1', e: '' },
    ]);
  });

  it('round-trips strings that look like other types, indicators and keys', () => {
    const tricky = [
      'yes',
      'No',
      'ON',
      '~',
      '1.0',
      '0o17',
      '.inf',
      '2001-12-14',
      '*.local',
      'a: b',
      'a:',
      ' lead',
      'trail ',
      '$values/x',
      'ServerSideApply=true',
      '-',
      '- x',
      'a #b',
      '@x',
      '10.0.0.1/32',
      '',
    ];
    const data = Object.fromEntries(tricky.map(t => [t, [t, { [t]: t }]]));
    expect(parseRenderedYaml(serializeYamlDocument(data), 't')).toEqual([data]);
  });

  it('round-trips hostile strings exactly', () => {
    for (const value of hostileValues()) {
      const text = serializeYamlDocuments([
        { kind: 'A', v: value },
        { kind: 'B' },
      ]);
      expect(parseRenderedYaml(text, 't')).toEqual([
        { kind: 'A', v: value },
        { kind: 'B' },
      ]);
    }
  });
});
