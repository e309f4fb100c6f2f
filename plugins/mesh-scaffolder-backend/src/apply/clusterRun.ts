import { KubernetesObject as LiveObject } from '@kubernetes/client-node';
import pLimit from 'p-limit';
import { ServedResource } from './apiDiscovery';
import {
  ClusterApplyReport,
  describeResult,
  ObjectApplyResult,
} from './applyResult';
import { ApplyTier } from './applyTiers';
import { ClusterObjectApi } from './clusterObjectApi';
import { ApplyItem } from './resolveObjects';

/** One object on its way through resolve → dry-run → apply. */
export interface Planned {
  item: ApplyItem;
  result: ObjectApplyResult;
  tier: ApplyTier;
  resource?: ServedResource;
  /** Why the object's dry-run has to wait until tier 0 is applied. */
  waitsFor?: string;
  /** The server's dry-run answer: the object as this apply would leave it. */
  dryRun?: LiveObject;
  /** The object as read before a dry-run-only run, or as the apply left it. */
  live?: LiveObject;
}

/** Everything the steps of one cluster's apply share. */
export interface ClusterRun {
  clusterName: string;
  client: ClusterObjectApi;
  force: boolean;
  dryRunOnly: boolean;
  log: (message: string) => void;
  report: ClusterApplyReport;
  /** Namespaces the bundle creates: objects in them are dry-run once tier 0 is applied. */
  bundleNamespaces: Set<string>;
  /**
   * Aborted when the task is cancelled or a write fails: from then on nothing more is sent, and
   * waits end.
   */
  halt: AbortController;
  /**
   * Runs `fn` for every element, with at most the run's concurrency of requests in flight; an
   * element still queued when the run halts is not run (its object keeps `skipped`).
   */
  each<T>(list: T[], fn: (element: T) => Promise<void>): Promise<void>;
}

/** What one cluster's apply run starts from. */
export interface ClusterRunOptions {
  clusterName: string;
  client: ClusterObjectApi;
  items: ApplyItem[];
  force: boolean;
  /** Only the server dry-run: outcomes say what an apply would do. */
  dryRunOnly: boolean;
  log: (message: string) => void;
  /** Requests in flight at once; objects of one tier are applied concurrently up to this bound. */
  concurrency: number;
  /** The task's signal: once aborted, nothing more is sent and waits end. */
  signal?: AbortSignal;
}

export function startClusterRun(options: ClusterRunOptions): ClusterRun {
  const limit = pLimit(options.concurrency);
  const halt = new AbortController();
  if (options.signal?.aborted) {
    halt.abort();
  }
  options.signal?.addEventListener('abort', () => halt.abort(), {
    once: true,
  });
  return {
    clusterName: options.clusterName,
    client: options.client,
    force: options.force,
    dryRunOnly: options.dryRunOnly,
    log: options.log,
    report: {
      cluster: options.clusterName,
      dryRun: options.dryRunOnly,
      results: [],
      missingCrds: [],
      notReady: [],
    },
    bundleNamespaces: new Set(
      options.items
        .filter(
          i => i.object.apiVersion === 'v1' && i.object.kind === 'Namespace',
        )
        .map(i => i.object.metadata.name),
    ),
    halt,
    each: async (list, fn) => {
      await Promise.all(
        list.map(element =>
          limit(async () => {
            if (!halt.signal.aborted) {
              await fn(element);
            }
          }),
        ),
      );
    },
  };
}

export function hasFailed(planned: Planned[]): boolean {
  return planned.some(p => p.result.outcome === 'failed');
}

/** Marks every object that was not applied or failed as skipped, with the reason. */
export function skipRest(planned: Planned[], reason: string): void {
  for (const p of planned) {
    if (
      !['failed', 'created', 'configured', 'unchanged'].includes(
        p.result.outcome,
      )
    ) {
      p.result.outcome = 'skipped';
      p.result.reason = reason;
    }
  }
}

/** The failed objects with their reasons, one per line, for the task log. */
export function describeFailures(planned: Planned[]): string {
  return planned
    .filter(p => p.result.outcome === 'failed')
    .map(p => `  ${describeResult(p.result)}: ${p.result.reason}`)
    .join('\n');
}

/** What names a planned object, for reads and paths. */
export function referenceOf(p: Planned) {
  return {
    apiVersion: p.result.apiVersion,
    kind: p.result.kind,
    metadata: { name: p.result.name, namespace: p.result.namespace },
  };
}
