/** Reads a nested value by path segments; undefined when any step is missing or not an object. */
export function valueAt(root: unknown, segments: string[]): unknown {
  let current: unknown = root;
  for (const segment of segments) {
    if (
      typeof current !== 'object' ||
      current === null ||
      Array.isArray(current)
    ) {
      return undefined;
    }
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

/** `valueAt` narrowed to a string (empty when absent or not a string). */
export function stringAt(root: unknown, segments: string[]): string {
  const value = valueAt(root, segments);
  return typeof value === 'string' ? value : '';
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
