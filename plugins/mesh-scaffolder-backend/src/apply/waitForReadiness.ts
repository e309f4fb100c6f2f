import { setTimeout as sleep } from 'node:timers/promises';
import { Readiness } from './readiness';
import { KubeApiClient } from './kubeClient';

export interface ReadinessTarget {
  label: string;
  path: string;
  check: (object: any) => Readiness;
}

/**
 * Polls every target until it is ready or the timeout passes, logging each object as it becomes
 * ready so the task log shows progress. Returns `label: detail` for the objects still not ready.
 */
export async function waitForReadiness(
  client: KubeApiClient,
  targets: ReadinessTarget[],
  options: {
    timeoutMs: number;
    pollMs: number;
    log: (message: string) => void;
  },
): Promise<string[]> {
  const deadline = Date.now() + options.timeoutMs;
  let pending = targets.map(target => ({ target, detail: 'not read yet' }));
  for (;;) {
    const polled = await Promise.all(
      pending.map(async ({ target }) => {
        const response = await client.get(target.path);
        const readiness: Readiness =
          response.status === 200
            ? target.check(response.body)
            : { ready: false, detail: `HTTP ${response.status}` };
        if (readiness.ready) {
          options.log(`ready: ${target.label} (${readiness.detail})`);
        }
        return { target, ...readiness };
      }),
    );
    pending = polled.filter(p => !p.ready);
    if (pending.length === 0) {
      return [];
    }
    if (Date.now() + options.pollMs > deadline) {
      return pending.map(p => `${p.target.label}: ${p.detail}`);
    }
    await sleep(options.pollMs);
  }
}
