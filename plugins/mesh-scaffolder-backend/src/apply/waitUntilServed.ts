import {
  pollUntil,
  PollTimeoutError,
} from '@mesh-templates/plugin-mesh-common';
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
  if (unresolved().length === 0) {
    return;
  }
  try {
    await pollUntil(
      async () => {
        discovery.forgetServed();
        await Promise.all(
          unresolved().map(async p => {
            p.resource = await discovery.resolve(
              p.result.apiVersion,
              p.result.kind,
            );
          }),
        );
        return unresolved().length === 0 ? true : undefined;
      },
      {
        timeoutMs,
        intervalMs: POLL_MS,
        description: () =>
          `${run.clusterName} to serve the kinds of ${unresolved()
            .map(p => p.waitsFor)
            .join(', ')}`,
        signal: run.halt.signal,
      },
    );
  } catch (error) {
    if (!(error instanceof PollTimeoutError) && !run.halt.signal.aborted) {
      throw error;
    }
    for (const p of unresolved()) {
      p.result.outcome = 'failed';
      p.result.reason = run.halt.signal.aborted
        ? 'not applied: the task was cancelled'
        : `${p.waitsFor} was applied but its kind is still not served`;
    }
  }
}
