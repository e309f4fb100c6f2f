/** Reads a value at a dotted path (`a.b[0].c`), for table-driven assertions in tests. */
export function valueAtPath(value: unknown, path: string): unknown {
  const segments = path
    .split(/\.|\[(\d+)\]/)
    .filter(s => s !== undefined && s !== '');
  return segments.reduce<unknown>((current, segment) => {
    if (current === null || typeof current !== 'object') {
      return undefined;
    }
    return (current as Record<string, unknown>)[segment];
  }, value);
}
