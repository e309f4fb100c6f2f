/**
 * Deterministic YAML for plain data (objects, arrays, strings, finite numbers, booleans, null),
 * as cdk8s writes manifests: apiVersion, kind and metadata first (name, namespace first inside
 * metadata), every other key sorted by code point at every depth, block style, two-space indent.
 *
 * Written here rather than with the `yaml` library's stringify because rendering serializes every
 * object of every cluster, and the general-purpose document model cost about 1 ms per object;
 * correctness is checked by round-tripping through the `yaml` parser in the tests.
 */

const LEADING_KEYS = ['apiVersion', 'kind', 'metadata'];
const LEADING_METADATA_KEYS = ['name', 'namespace'];

/** Plain scalars that YAML 1.1 or 1.2 readers would take as booleans or null. */
const RESERVED_WORDS = new Set([
  'true',
  'false',
  'null',
  '~',
  'yes',
  'no',
  'on',
  'off',
  'y',
  'n',
  '',
]);

/** A plain scalar that can only read back as this same string. */
const SAFE_PLAIN =
  /^[A-Za-z_/$][A-Za-z0-9_./:@+=,$()*-]*( [A-Za-z0-9_./:@+=,$()*-]+)*$/;

function scalarText(value: string): string {
  if (
    SAFE_PLAIN.test(value) &&
    !RESERVED_WORDS.has(value.toLowerCase()) &&
    !value.endsWith(':') &&
    !value.includes(': ')
  ) {
    return value;
  }
  // A JSON string is a valid YAML double-quoted scalar; U+2028/9 are escaped for YAML 1.1 readers.
  return JSON.stringify(value)
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

function compareKeys(a: string, b: string): number {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}

function orderedKeys(
  record: Record<string, unknown>,
  leadingKeys: string[],
): string[] {
  const keys = Object.keys(record).filter(key => record[key] !== undefined);
  const leading = leadingKeys.filter(key => keys.includes(key));
  return [
    ...leading,
    ...keys.filter(key => !leading.includes(key)).sort(compareKeys),
  ];
}

function isCollection(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}

function isEmptyCollection(value: object): boolean {
  return Array.isArray(value)
    ? value.length === 0
    : Object.keys(value).length === 0;
}

function scalar(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return scalarText(value);
    case 'boolean':
      return String(value);
    case 'number':
      if (!Number.isFinite(value)) {
        throw new Error(`cannot serialize the number ${value}`);
      }
      return String(value);
    default:
      throw new Error(`cannot serialize a ${typeof value}`);
  }
}

function inline(value: unknown): string | undefined {
  if (!isCollection(value)) return scalar(value);
  if (isEmptyCollection(value)) return Array.isArray(value) ? '[]' : '{}';
  return undefined;
}

function emitMap(
  record: Record<string, unknown>,
  indent: string,
  leadingKeys: string[],
  lines: string[],
  firstPrefix?: string,
): void {
  orderedKeys(record, leadingKeys).forEach((key, position) => {
    const prefix =
      position === 0 && firstPrefix !== undefined ? firstPrefix : indent;
    const value = record[key];
    const text = inline(value);
    if (text !== undefined) {
      lines.push(`${prefix}${scalarText(key)}: ${text}`);
      return;
    }
    lines.push(`${prefix}${scalarText(key)}:`);
    const nested =
      leadingKeys === LEADING_KEYS && key === 'metadata'
        ? LEADING_METADATA_KEYS
        : [];
    emitBlock(value, `${indent}  `, nested, lines);
  });
}

function emitSeq(items: unknown[], indent: string, lines: string[]): void {
  for (const item of items) {
    const text = inline(item);
    if (text !== undefined) {
      lines.push(`${indent}- ${text}`);
    } else if (Array.isArray(item)) {
      lines.push(`${indent}-`);
      emitSeq(item, `${indent}  `, lines);
    } else {
      emitMap(
        item as Record<string, unknown>,
        `${indent}  `,
        [],
        lines,
        `${indent}- `,
      );
    }
  }
}

function emitBlock(
  value: unknown,
  indent: string,
  leadingKeys: string[],
  lines: string[],
): void {
  if (Array.isArray(value)) {
    emitSeq(value, indent, lines);
  } else {
    emitMap(value as Record<string, unknown>, indent, leadingKeys, lines);
  }
}

/** Serializes one document; the same data always gives the same bytes. */
export function serializeYamlDocument(value: unknown): string {
  const text = inline(value);
  if (text !== undefined) {
    return `${text}\n`;
  }
  const lines: string[] = [];
  emitBlock(value, '', LEADING_KEYS, lines);
  return `${lines.join('\n')}\n`;
}

/** Several documents in one file, separated by `---`. */
export function serializeYamlDocuments(values: unknown[]): string {
  return values.map(serializeYamlDocument).join('---\n');
}
