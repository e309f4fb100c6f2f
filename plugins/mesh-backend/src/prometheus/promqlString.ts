/**
 * Quotes a value for a PromQL label matcher. Values can come from catalog annotations, so backslashes,
 * quotes and line breaks are escaped and can never end the string or add a matcher.
 */
export function promqlString(value: string): string {
  return `"${value
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r')}"`;
}
