/**
 * Replaces every occurrence of the given secrets in a text. Applied to everything the apply step
 * logs, outputs or throws, as a last line of defence should an API server echo a remote secret's
 * content in an error.
 */
export function createRedactor(secrets: string[]): (text: string) => string {
  const values = [...new Set(secrets.filter(s => s.length >= 4))].sort(
    (a, b) => b.length - a.length,
  );
  return text =>
    values.reduce((out, secret) => out.split(secret).join('[redacted]'), text);
}
