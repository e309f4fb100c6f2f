/** A string-typed place in a spec input: its path and whether it is a list element. */
export interface StringField {
  path: (string | number)[];
  display: string;
}

/**
 * Every string field and string-list element of a parsed spec, found by walking the data, so the
 * injection suite follows the schema as it grows instead of a hand-kept list.
 */
export function specStringFields(spec: unknown, prefix: (string | number)[] = []): StringField[] {
  if (typeof spec === 'string') {
    return [{ path: prefix, display: displayPath(prefix) }];
  }
  if (Array.isArray(spec)) {
    return spec.flatMap((item, i) => specStringFields(item, [...prefix, i]));
  }
  if (spec && typeof spec === 'object') {
    return Object.entries(spec).flatMap(([key, value]) => specStringFields(value, [...prefix, key]));
  }
  return [];
}

/** The path as mesh-common's errors write it: `a.b[0].c`. */
export function displayPath(path: (string | number)[]): string {
  return path
    .map((p, i) => {
      if (typeof p === 'number') return `[${p}]`;
      return i === 0 ? p : `.${p}`;
    })
    .join('');
}

export function setAtPath(target: any, path: (string | number)[], value: unknown): any {
  const copy = structuredClone(target);
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key];
  node[path[path.length - 1]] = value;
  return copy;
}
