import { stringify } from 'yaml';

const LEADING_KEYS = ['apiVersion', 'kind', 'metadata'];
const LEADING_METADATA_KEYS = ['name', 'namespace'];

function compareKeys(a: string, b: string): number {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}

function ordered(value: unknown, leadingKeys: string[]): unknown {
  if (Array.isArray(value)) {
    return value.map(item => ordered(item, []));
  }
  if (value === null || typeof value !== 'object') {
    return value;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).filter(key => record[key] !== undefined);
  const leading = leadingKeys.filter(key => keys.includes(key));
  const rest = keys.filter(key => !leading.includes(key)).sort(compareKeys);
  const result: Record<string, unknown> = {};
  for (const key of [...leading, ...rest]) {
    const isMetadata = leadingKeys === LEADING_KEYS && key === 'metadata';
    result[key] = ordered(record[key], isMetadata ? LEADING_METADATA_KEYS : []);
  }
  return result;
}

/**
 * Serializes one document deterministically, as cdk8s does: apiVersion, kind and metadata first
 * (and name, namespace first in metadata), every other key sorted by code point at every depth, no anchors for repeated values and no
 * line folding, so the same data always gives the same bytes.
 */
export function serializeYamlDocument(value: unknown): string {
  return stringify(ordered(value, LEADING_KEYS), {
    aliasDuplicateObjects: false,
    lineWidth: 0,
    minContentWidth: 0,
    indentSeq: true,
    singleQuote: false,
  });
}

/** Several documents in one file, separated by `---`. */
export function serializeYamlDocuments(values: unknown[]): string {
  return values.map(serializeYamlDocument).join('---\n');
}
