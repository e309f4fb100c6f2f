import { isDeepStrictEqual } from 'node:util';
import pLimit from 'p-limit';
import { ApiDiscovery, objectPath, ServedResource } from './apiDiscovery';
import {
  ClusterApplyReport,
  describeResult,
  ObjectApplyResult,
} from './applyResult';
import { APPLY_TIERS, ApplyTier, applyTierOf } from './applyTiers';
import { KubeApiClient } from './kubeClient';
import { readinessCheckFor } from './readiness';
import { ApplyItem, isCrd, resolveObject } from './resolveObjects';
import { serverSideApply } from './serverSideApply';
import { ReadinessTarget, waitForReadiness } from './waitForReadiness';

export interface ApplyToClusterOptions {
  clusterName: string;
  client: KubeApiClient;
  items: ApplyItem[];
  force: boolean;
  /** Only the server dry-run: outcomes say what an apply would do. */
  dryRunOnly: boolean;
  log: (message: string) => void;
  /** Wait for readiness after applying. */
  wait?: { timeoutMs: number; pollMs?: number };
  /** Requests in flight at once; objects of one tier are applied concurrently up to this bound. */
  concurrency?: number;
  /** How long to wait for CRDs from the bundle to be served before their objects are applied. */
  crdServedTimeoutMs?: number;
}

/** One object on its way through resolve → dry-run → apply. */
interface Planned {
  item: ApplyItem;
  result: ObjectApplyResult;
  tier: ApplyTier;
  resource?: ServedResource;
  /** Why the object's dry-run has to wait until tier 0 is applied. */
  waitsFor?: string;
  live?: any;
}

/**
 * Requests in flight per cluster. A tier of a bundle (tens of objects) then goes out in one
 * round trip, so an apply costs about tiers × latency; an API server's defaults (200 mutating
 * requests in flight, API priority and fairness per client) leave ample room for 64.
 */
const DEFAULT_CONCURRENCY = 64;

/**
 * Applies a bundle's objects to one cluster with server-side apply: resolve every kind through
 * discovery, report missing CRDs, dry-run the whole bundle (`dryRun=All`), and only if every object
 * passes, apply tier by tier. Objects that cannot be dry-run before tier 0 exists (their namespace
 * or CRD is created by this bundle) are dry-run right after tier 0 and before anything else is
 * written; so nothing but the bundle's own namespaces and CRDs is written before every object has
 * passed a server dry-run.
 */
export async function applyToCluster(
  options: ApplyToClusterOptions,
): Promise<ClusterApplyReport> {
  const { clusterName, client, force, log } = options;
  const limit = pLimit(options.concurrency ?? DEFAULT_CONCURRENCY);
  const discovery = new ApiDiscovery(client, clusterName);
  const bundleCrds = options.items.map(i => i.object).filter(isCrd);
  const bundleNamespaces = new Set(
    options.items
      .filter(
        i => i.object.apiVersion === 'v1' && i.object.kind === 'Namespace',
      )
      .map(i => i.object.metadata.name),
  );
  const report: ClusterApplyReport = {
    cluster: clusterName,
    dryRun: options.dryRunOnly,
    results: [],
    missingCrds: [],
    notReady: [],
  };
  const each = <T>(list: Planned[], fn: (p: Planned) => Promise<T>) =>
    Promise.all(list.map(p => limit(() => fn(p))));
  const skipRest = (list: Planned[], reason: string) => {
    for (const p of list) {
      if (
        !['failed', 'created', 'configured', 'unchanged'].includes(
          p.result.outcome,
        )
      ) {
        p.result.outcome = 'skipped';
        p.result.reason = reason;
      }
    }
  };

  // 1. Resolve kinds through discovery.
  const planned: Planned[] = await Promise.all(
    options.items.map(async item => {
      const { apiVersion, kind, metadata } = item.object;
      const result: ObjectApplyResult = {
        cluster: clusterName,
        apiVersion,
        kind,
        name: metadata.name,
        ...(metadata.namespace && { namespace: metadata.namespace }),
        ...(item.file && { file: item.file }),
        outcome: 'skipped',
      };
      const resolution = await resolveObject(discovery, item, bundleCrds);
      if (resolution.state === 'served') {
        const tier = applyTierOf(
          apiVersion,
          kind,
          resolution.resource.namespaced,
        );
        return { item, result, tier, resource: resolution.resource };
      }
      if (resolution.state === 'crd-in-bundle') {
        const tier = applyTierOf(apiVersion, kind, resolution.namespaced);
        return { item, result, tier, waitsFor: `CRD ${resolution.crdName}` };
      }
      result.outcome = 'failed';
      result.reason = resolution.reason;
      if (
        resolution.missingCrd &&
        !report.missingCrds.includes(resolution.missingCrd)
      ) {
        report.missingCrds.push(resolution.missingCrd);
      }
      return { item, result, tier: 2 as ApplyTier };
    }),
  );
  report.results = planned.map(p => p.result);
  if (planned.some(p => p.result.outcome === 'failed')) {
    skipRest(
      planned,
      'not applied: some kinds are not served by the cluster (see failed objects)',
    );
    log(
      `${clusterName}: nothing applied; kinds not served: ${
        report.missingCrds.join(', ') || 'see results'
      }`,
    );
    return report;
  }

  // 2. Server dry-run of everything that can be dry-run now.
  const dryRun = async (p: Planned): Promise<void> => {
    const path = objectPath(p.resource!, p.result.name, p.result.namespace);
    const current = await client.get(path);
    if (current.status === 200) {
      p.live = current.body;
    } else if (current.status !== 404) {
      p.result.outcome = 'failed';
      p.result.reason = `reading the live object failed: HTTP ${
        current.status
      } ${current.body?.message ?? ''}`.trim();
      return;
    }
    const answer = await serverSideApply(client, path, p.item.object, {
      dryRun: true,
      force,
    });
    if (answer.ok) {
      if (options.dryRunOnly) {
        p.result.outcome = outcomeOf(p.live, sameObject(p.live, answer.object));
      }
    } else if (
      answer.namespaceMissing &&
      bundleNamespaces.has(answer.namespaceMissing)
    ) {
      p.waitsFor = `namespace ${answer.namespaceMissing}`;
    } else {
      p.result.outcome = 'failed';
      p.result.reason = `server dry-run: ${answer.reason}`;
    }
  };
  await each(
    planned.filter(p => !p.waitsFor),
    dryRun,
  );
  if (planned.some(p => p.result.outcome === 'failed')) {
    skipRest(
      planned,
      'not applied: the server dry-run failed for other objects of the bundle',
    );
    log(
      `${clusterName}: server dry-run failed; nothing written:\n${failures(
        planned,
      )}`,
    );
    return report;
  }
  const deferred = planned.filter(p => p.waitsFor);
  if (options.dryRunOnly) {
    for (const p of deferred) {
      p.result.reason = `not dry-run: needs ${p.waitsFor}, which this bundle creates`;
    }
    log(
      `${clusterName}: server dry-run passed for ${
        planned.length - deferred.length
      } objects`,
    );
    return report;
  }
  log(
    `${clusterName}: server dry-run passed for ${
      planned.length - deferred.length
    } objects; applying`,
  );

  // 3. Apply tier by tier; dry-run the deferred objects as soon as tier 0 exists.
  const apply = async (p: Planned): Promise<void> => {
    const path = objectPath(p.resource!, p.result.name, p.result.namespace);
    const answer = await serverSideApply(client, path, p.item.object, {
      dryRun: false,
      force,
    });
    if (!answer.ok) {
      p.result.outcome = 'failed';
      p.result.reason = answer.reason;
      log(
        `${clusterName}: failed ${describeResult(p.result)}: ${answer.reason}`,
      );
      return;
    }
    // The server bumps resourceVersion only when it stored a change.
    const before = p.live?.metadata?.resourceVersion;
    p.result.outcome = outcomeOf(
      p.live,
      before === answer.object?.metadata?.resourceVersion,
    );
    p.live = answer.object;
    log(`${clusterName}: ${p.result.outcome} ${describeResult(p.result)}`);
  };
  for (const tier of [0, 1, 2] as ApplyTier[]) {
    if (tier === 1 && deferred.length > 0) {
      await resolveDeferred(deferred);
      await each(
        deferred.filter(p => p.resource),
        dryRun,
      );
      if (planned.some(p => p.result.outcome === 'failed')) {
        skipRest(
          planned,
          `not applied: a dry-run after tier "${APPLY_TIERS[0]}" failed`,
        );
        log(
          `${clusterName}: server dry-run failed after tier 0; only namespaces and CRDs were written:\n${failures(
            planned,
          )}`,
        );
        return report;
      }
    }
    const inTier = planned.filter(p => p.tier === tier);
    if (inTier.length === 0) {
      continue;
    }
    log(
      `${clusterName}: tier ${tier + 1}/${APPLY_TIERS.length} (${
        APPLY_TIERS[tier]
      }): ${inTier.length} objects`,
    );
    await each(inTier, apply);
    if (inTier.some(p => p.result.outcome === 'failed')) {
      skipRest(
        planned,
        `not applied: tier "${APPLY_TIERS[tier]}" had failures`,
      );
      return report;
    }
  }

  // 4. Optional readiness wait.
  if (options.wait) {
    const targets: ReadinessTarget[] = planned.flatMap(p => {
      const check = readinessCheckFor(
        p.result.apiVersion,
        p.result.kind,
        p.live,
      );
      return check
        ? [
            {
              label: describeResult(p.result),
              path: objectPath(p.resource!, p.result.name, p.result.namespace),
              check,
            },
          ]
        : [];
    });
    if (targets.length > 0) {
      log(
        `${clusterName}: waiting up to ${Math.round(
          options.wait.timeoutMs / 1000,
        )} s for ${targets.length} objects to be ready`,
      );
      report.notReady = await waitForReadiness(client, targets, {
        timeoutMs: options.wait.timeoutMs,
        pollMs: options.wait.pollMs ?? 2000,
        log: message => log(`${clusterName}: ${message}`),
      });
    }
  }
  return report;

  async function resolveDeferred(list: Planned[]): Promise<void> {
    const deadline = Date.now() + (options.crdServedTimeoutMs ?? 60_000);
    for (;;) {
      discovery.forgetServed();
      for (const p of list.filter(d => !d.resource)) {
        p.resource = await discovery.resolve(
          p.result.apiVersion,
          p.result.kind,
        );
      }
      const unresolved = list.filter(p => !p.resource);
      if (unresolved.length === 0) {
        return;
      }
      if (Date.now() > deadline) {
        for (const p of unresolved) {
          p.result.outcome = 'failed';
          p.result.reason = `${p.waitsFor} was applied but its kind is still not served`;
        }
        return;
      }
      await new Promise(resolve => setTimeout(resolve, 500));
    }
  }
}

function outcomeOf(
  live: unknown,
  same: boolean,
): 'created' | 'configured' | 'unchanged' {
  if (!live) {
    return 'created';
  }
  return same ? 'unchanged' : 'configured';
}

function failures(planned: Planned[]): string {
  return planned
    .filter(p => p.result.outcome === 'failed')
    .map(p => `  ${describeResult(p.result)}: ${p.result.reason}`)
    .join('\n');
}

/** Live object vs. dry-run answer, ignoring what every write touches. */
function sameObject(live: any, dryRun: any): boolean {
  const strip = (o: any) => {
    const {
      managedFields: _m,
      resourceVersion: _r,
      ...metadata
    } = o?.metadata ?? {};
    return { ...o, metadata };
  };
  return isDeepStrictEqual(strip(live), strip(dryRun));
}
