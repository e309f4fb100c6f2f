/**
 * A Retry-After header in seconds: delta-seconds or an HTTP date (RFC 9110 §10.2.3). Undefined
 * when absent or unreadable, so the caller falls back to its own backoff.
 */
export function parseRetryAfter(
  header: string | number | null | undefined,
): number | undefined {
  if (header === null || header === undefined) return undefined;
  const text = String(header).trim();
  const seconds = Number(text);
  if (text !== '' && Number.isFinite(seconds)) return Math.max(0, seconds);
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, (at - Date.now()) / 1000);
}
