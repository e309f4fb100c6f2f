import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { readBundle } from '../bundle/readBundle';
import { ClusterApplyReport } from './applyResult';
import { applyToCluster } from './applyToCluster';
import { ApplyCluster, findApplyCluster } from './clusterConfig';
import { createKubeApiClient, KubeClientFactory } from './kubeClient';
import { createRedactor } from './redactSecrets';
import { remoteSecretsFor } from './remoteSecrets';
import { ApplyItem } from './resolveObjects';

export interface ApplyMeshBundleOptions {
  config: Config;
  /** Folder holding `bundle-index.json` and `clusters/<cluster>/...`, already resolved inside the workspace. */
  bundleDir: string;
  /** Clusters to apply to; each must be in the bundle and in `kubernetes.clusterLocatorMethods`. */
  clusters: string[];
  dryRunOnly: boolean;
  force: boolean;
  /** Wait for readiness up to this many seconds after applying; no wait when undefined. */
  waitTimeoutSeconds?: number;
  /** Create Istio remote secrets so that every target cluster can discover the others. */
  remoteSecrets: boolean;
  log: (message: string) => void;
  kubeClientFactory?: KubeClientFactory;
  concurrency?: number;
  readinessPollMs?: number;
}

/**
 * Applies a rendered mesh bundle to its clusters (all clusters concurrently) and returns one
 * report per cluster. Tokens of every involved cluster are redacted from logs and reports.
 */
export async function applyMeshBundle(
  options: ApplyMeshBundleOptions,
): Promise<ClusterApplyReport[]> {
  const targets = [...new Set(options.clusters)].map(name =>
    findApplyCluster(options.config, name),
  );
  if (options.remoteSecrets && targets.length < 2) {
    throw new InputError(
      'remoteSecrets needs at least two clusters: each gets the remote secrets of the others',
    );
  }
  const redact = createRedactor(targets.map(t => t.serviceAccountToken));
  const log = (message: string) => options.log(redact(message));
  const factory = options.kubeClientFactory ?? createKubeApiClient;
  const itemsByCluster = new Map<string, ApplyItem[]>();
  for (const target of targets) {
    itemsByCluster.set(
      target.name,
      (
        await readBundle(options.bundleDir, { cluster: target.name })
      ).objects.map(({ object, file }) => ({ object, file })),
    );
  }

  const reports = await Promise.all(
    targets.map((target: ApplyCluster) => {
      const secrets: ApplyItem[] = options.remoteSecrets
        ? remoteSecretsFor(target, targets).map(object => ({ object }))
        : [];
      return applyToCluster({
        clusterName: target.name,
        client: factory(target),
        items: [...itemsByCluster.get(target.name)!, ...secrets],
        force: options.force,
        dryRunOnly: options.dryRunOnly,
        log,
        concurrency: options.concurrency,
        ...(options.waitTimeoutSeconds !== undefined && {
          wait: {
            timeoutMs: options.waitTimeoutSeconds * 1000,
            pollMs: options.readinessPollMs,
          },
        }),
      });
    }),
  );
  for (const report of reports) {
    for (const result of report.results) {
      if (result.reason) {
        result.reason = redact(result.reason);
      }
    }
    report.notReady = report.notReady.map(redact);
  }
  return reports;
}
