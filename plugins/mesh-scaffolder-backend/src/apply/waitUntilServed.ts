import { setTimeout as sleep } from 'node:timers/promises';
import { ClusterRun, Planned } from './clusterRun';

const POLL_MS = 500;

/**
 * Resolves the kinds of objects whose CRD this bundle brought, once tier 0 has applied it: an API
 * server serves a new kind a moment after the CRD is established, so discovery is asked again
 * until it does. Objects whose kind is still not served at the deadline fail. Objects that only
 * waited for a namespace are resolved already and cost no request.
 */
export async function waitUntilServed(
  run: ClusterRun,
  deferred: Planned[],
  timeoutMs: number,
): Promise<void> {
  const { discovery } = run.client;
  const unresolved = () => deferred.filter(p => !p.resource);
  const deadline = Date.now() + timeoutMs;
  while (unresolved().length > 0) {
    discovery.forgetServed();
    await Promise.all(
      unresolved().map(async p => {
        p.resource = await discovery.resolve(
          p.result.apiVersion,
          p.result.kind,
        );
      }),
    );
    if (unresolved().length > 0 && Date.now() > deadline) {
      for (const p of unresolved()) {
        p.result.outcome = 'failed';
        p.result.reason = `${p.waitsFor} was applied but its kind is still not served`;
      }
      return;
    }
    if (unresolved().length > 0) {
      await sleep(POLL_MS);
    }
  }
}
