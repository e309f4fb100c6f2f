/**
 * Turns a JSON pointer (`/spec/servers/0/port/number`, as ajv reports it) into the field path
 * people read in manifests (`spec.servers[0].port.number`). Keys that are not identifiers, such
 * as label keys, are quoted: `metadata.labels["topology.istio.io/network"]`.
 */
export function fieldPathFromPointer(pointer: string): string {
  if (pointer === '') {
    return '';
  }
  const segments = pointer
    .slice(1)
    .split('/')
    .map(s => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  return fieldPath(segments);
}

/** Field path from raw segments; numeric segments are treated as array indexes. */
export function fieldPath(segments: Array<string | number>): string {
  let result = '';
  for (const segment of segments) {
    if (typeof segment === 'number' || /^\d+$/.test(segment)) {
      result += `[${segment}]`;
    } else if (/^[A-Za-z_$][\w$]*$/.test(segment)) {
      result += result === '' ? segment : `.${segment}`;
    } else {
      result += `[${JSON.stringify(segment)}]`;
    }
  }
  return result;
}
