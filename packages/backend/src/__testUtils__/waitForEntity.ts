import { mockCredentials } from '@backstage/backend-test-utils';

/**
 * The catalog ingests its locations asynchronously; polls the real catalog REST API (as a
 * service, the way other plugins call it) until the entity appears or the deadline passes.
 */
export async function waitForEntity(
  baseUrl: string,
  ref: { kind: string; namespace?: string; name: string },
  timeoutMs = 60_000,
): Promise<any> {
  const url = `${baseUrl}/api/catalog/entities/by-name/${ref.kind}/${ref.namespace ?? 'default'}/${ref.name}`;
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    const res = await fetch(url, {
      headers: { Authorization: mockCredentials.service.header() },
    });
    if (res.ok) return res.json();
    last = `${res.status} ${(await res.text()).slice(0, 300)}`;
    await new Promise(r => setTimeout(r, 250));
  }
  throw new Error(`${ref.kind}:${ref.name} not in the catalog after ${timeoutMs} ms (last answer: ${last})`);
}
