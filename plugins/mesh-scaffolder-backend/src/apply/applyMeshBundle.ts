import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import type { BundleHelmValues } from '../bundle/meshBundle';
import { readBundle } from '../bundle/readBundle';
import { ClusterApplyReport } from './applyResult';
import { applyRemoteSecrets } from './applyRemoteSecrets';
import { applyToCluster } from './applyToCluster';
import { ApplyCluster, findApplyCluster } from './clusterConfig';
import { ClusterObjectApi } from './clusterObjectApi';
import { createKubeApiClient, KubeClientFactory } from './kubeClient';
import { createRedactor } from './redactSecrets';
import { remoteSecretServer } from './remoteSecrets';
import { checkRevisionName, refuseBundleOfRevision } from './removeRevision';
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
  /**
   * A retired Istio revision: once a cluster's bundle is applied, its objects labelled with the
   * revision and managed by the bundle are deleted (see removeRevision.ts).
   */
  removeRevision?: string;
  log: (message: string) => void;
  kubeClientFactory?: KubeClientFactory;
  concurrency?: number;
  readinessPollMs?: number;
  /** The task's signal: cancelling stops every request, retry wait and readiness wait. */
  signal?: AbortSignal;
}

/** Istio's default, for bundles without an istiod release (istioctl installs, hand-made bundles). */
const DEFAULT_CONTROL_PLANE_NAMESPACE = 'istio-system';

interface ClusterBundle {
  items: ApplyItem[];
  helmValues: BundleHelmValues[];
  controlPlaneNamespace: string;
}

async function readClusterBundle(
  bundleDir: string,
  cluster: string,
): Promise<ClusterBundle> {
  const bundle = await readBundle(bundleDir, { cluster });
  return {
    items: bundle.objects.map(({ object, file }) => ({ object, file })),
    helmValues: bundle.helmValues,
    controlPlaneNamespace:
      bundle.helmValues.find(v => v.chart === 'istiod')?.namespace ??
      DEFAULT_CONTROL_PLANE_NAMESPACE,
  };
}

/**
 * Every target's bundle, read before anything is sent to any cluster; with `removeRevision`,
 * refused when a bundle still installs that revision.
 */
async function readClusterBundles(
  options: Pick<ApplyMeshBundleOptions, 'bundleDir' | 'removeRevision'>,
  targets: ApplyCluster[],
): Promise<Map<string, ClusterBundle>> {
  const { removeRevision } = options;
  if (removeRevision !== undefined) {
    checkRevisionName(removeRevision);
  }
  const bundles = new Map<string, ClusterBundle>();
  for (const target of targets) {
    const bundle = await readClusterBundle(options.bundleDir, target.name);
    if (removeRevision !== undefined) {
      refuseBundleOfRevision(target.name, bundle, removeRevision);
    }
    bundles.set(target.name, bundle);
  }
  return bundles;
}

/**
 * Applies a rendered mesh bundle to its clusters (all clusters concurrently) and returns one
 * report per cluster. Tokens of every involved cluster, and reader tokens requested for remote
 * secrets, are redacted from logs and reports.
 */
export async function applyMeshBundle(
  options: ApplyMeshBundleOptions,
): Promise<ClusterApplyReport[]> {
  const targets = [...new Set(options.clusters)].map(name =>
    findApplyCluster(options.config, name),
  );
  if (options.remoteSecrets) {
    if (targets.length < 2) {
      throw new InputError(
        'remoteSecrets needs at least two clusters: each gets the remote secrets of the others',
      );
    }
    // Before anything is written: a peer istiod could not use these secrets.
    targets.forEach(remoteSecretServer);
  }
  const secrets = targets.map(t => t.serviceAccountToken);
  let redact = createRedactor(secrets);
  const log = (message: string) => options.log(redact(message));
  const factory = options.kubeClientFactory ?? createKubeApiClient;
  const clients = new Map<string, ClusterObjectApi>(
    targets.map(t => [t.name, factory(t).cancelWith(options.signal)]),
  );
  const bundles = await readClusterBundles(options, targets);

  const reports = await Promise.all(
    targets.map((target: ApplyCluster) =>
      applyToCluster({
        clusterName: target.name,
        client: clients.get(target.name)!,
        items: bundles.get(target.name)!.items,
        force: options.force,
        dryRunOnly: options.dryRunOnly,
        log,
        concurrency: options.concurrency,
        signal: options.signal,
        removeRevision: options.removeRevision,
        ...(options.waitTimeoutSeconds !== undefined && {
          wait: {
            timeoutMs: options.waitTimeoutSeconds * 1000,
            pollMs: options.readinessPollMs,
          },
        }),
      }),
    ),
  );
  if (options.remoteSecrets && options.dryRunOnly) {
    log(
      'remote secrets are not dry-run: they need reader tokens requested from each cluster',
    );
  } else if (options.remoteSecrets) {
    await applyRemoteSecrets({
      targets,
      clients,
      controlPlaneNamespaces: new Map(
        targets.map(t => [t.name, bundles.get(t.name)!.controlPlaneNamespace]),
      ),
      reports,
      force: options.force,
      concurrency: options.concurrency,
      signal: options.signal,
      log,
      onToken: token => {
        secrets.push(token);
        redact = createRedactor(secrets);
      },
    });
  }
  redactReports(reports, redact);
  return reports;
}

/** A last line of defence, should an API server echo a token in an error. */
function redactReports(
  reports: ClusterApplyReport[],
  redact: (text: string) => string,
): void {
  for (const report of reports) {
    for (const result of report.results) {
      if (result.reason) {
        result.reason = redact(result.reason);
      }
    }
    report.notReady = report.notReady.map(redact);
  }
}
