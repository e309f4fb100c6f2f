import { KubernetesObject as LiveObject } from '@kubernetes/client-node';
import {
  pollUntil,
  PollTimeoutError,
} from '@mesh-templates/plugin-mesh-common';
import { describeResult } from './applyResult';
import { ClusterObjectApi, ObjectReference } from './clusterObjectApi';
import { ClusterRun, Planned, referenceOf } from './clusterRun';
import { KubeRequestError } from './kubeRequestError';
import { Readiness, readinessCheckFor } from './readiness';

export interface ReadinessTarget {
  label: string;
  reference: ObjectReference;
  check: (object: LiveObject) => Readiness;
}

/**
 * After an apply, waits for the applied objects that have a readiness check and records the ones
 * still not ready at the timeout in the report.
 */
export async function waitForApplied(
  run: ClusterRun,
  planned: Planned[],
  wait: { timeoutMs: number; pollMs: number },
): Promise<void> {
  const targets: ReadinessTarget[] = planned.flatMap(p => {
    const check = readinessCheckFor(p.result.apiVersion, p.result.kind, p.live);
    return check
      ? [{ label: describeResult(p.result), reference: referenceOf(p), check }]
      : [];
  });
  if (targets.length === 0) {
    return;
  }
  run.log(
    `${run.clusterName}: waiting up to ${Math.round(
      wait.timeoutMs / 1000,
    )} s for ${targets.length} objects to be ready: ${targets
      .map(target => target.label)
      .join(', ')}`,
  );
  run.report.notReady = await waitForReadiness(run, targets, {
    ...wait,
    signal: run.halt.signal,
    log: message => run.log(`${run.clusterName}: ${message}`),
  });
}

/**
 * Polls every target until it is ready or the timeout passes, logging each object as it becomes
 * ready so the task log shows progress. Returns `label: detail` for the objects still not ready.
 */
export async function waitForReadiness(
  run: Pick<ClusterRun, 'client' | 'each'>,
  targets: ReadinessTarget[],
  options: {
    timeoutMs: number;
    pollMs: number;
    /** Ends the wait early (task cancelled): what is pending is reported as such. */
    signal?: AbortSignal;
    log: (message: string) => void;
  },
): Promise<string[]> {
  let pending = targets.map(target => ({ target, detail: 'not read yet' }));
  try {
    await pollUntil(
      async () => {
        pending = await readPending(run, pending, options.log);
        return pending.length === 0 ? true : undefined;
      },
      {
        timeoutMs: options.timeoutMs,
        intervalMs: options.pollMs,
        description: () => `${pending.length} objects to be ready`,
        signal: options.signal,
      },
    );
    return [];
  } catch (error) {
    if (options.signal?.aborted) {
      return pending.map(p => `${p.target.label}: wait cancelled`);
    }
    if (!(error instanceof PollTimeoutError)) {
      throw error;
    }
    return pending.map(p => `${p.target.label}: ${p.detail}`);
  }
}

/** Reads every pending target once; returns those still not ready, in the bundle's order. */
async function readPending(
  run: Pick<ClusterRun, 'client' | 'each'>,
  pending: Array<{ target: ReadinessTarget }>,
  log: (message: string) => void,
): Promise<Array<{ target: ReadinessTarget } & Readiness>> {
  const polled: Array<{ target: ReadinessTarget } & Readiness> = [];
  await run.each([...pending.entries()], async ([index, { target }]) => {
    const readiness = await readReadiness(run.client, target);
    if (readiness.ready) {
      log(`ready: ${target.label} (${readiness.detail})`);
    }
    polled[index] = { target, ...readiness };
  });
  return polled.filter(p => !p.ready);
}

async function readReadiness(
  client: ClusterObjectApi,
  target: ReadinessTarget,
): Promise<Readiness> {
  try {
    return target.check(await client.read(target.reference));
  } catch (error) {
    if (error instanceof KubeRequestError) {
      return { ready: false, detail: error.message };
    }
    throw error;
  }
}
