import { mockCredentials } from '@backstage/backend-test-utils';
import { pollUntil } from '@mesh-templates/plugin-mesh-common';

/**
 * The catalog ingests its locations asynchronously; polls the real catalog REST API (as a
 * service, the way other plugins call it, unless a backend with real auth needs a real token)
 * until the entity appears or the deadline passes.
 */
export async function waitForEntity(
  baseUrl: string,
  ref: { kind: string; namespace?: string; name: string },
  options: { timeoutMs?: number; authorization?: string } = {},
): Promise<any> {
  const timeoutMs = options.timeoutMs ?? 60_000;
  const url = `${baseUrl}/api/catalog/entities/by-name/${ref.kind}/${
    ref.namespace ?? 'default'
  }/${ref.name}`;
  let last = 'none yet';
  return pollUntil(
    async () => {
      const res = await fetch(url, {
        headers: {
          Authorization:
            options.authorization ?? mockCredentials.service.header(),
        },
      });
      if (res.ok) return res.json();
      last = `${res.status} ${(await res.text()).slice(0, 300)}`;
      return undefined;
    },
    {
      timeoutMs,
      intervalMs: 250,
      description: () =>
        `${ref.kind}:${ref.name} in the catalog (last answer: ${last})`,
    },
  );
}
