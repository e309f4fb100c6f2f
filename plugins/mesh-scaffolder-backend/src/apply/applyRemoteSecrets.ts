import { ClusterApplyReport, hasFailures } from './applyResult';
import { applyToCluster } from './applyToCluster';
import { ApplyCluster } from './clusterConfig';
import { ClusterObjectApi } from './clusterObjectApi';
import {
  ensureIstioReader,
  ISTIO_READER_SERVICE_ACCOUNT,
  REMOTE_SECRET_TOKEN_SECONDS,
} from './istioReaderAccess';
import { buildRemoteSecret, PeerReaderToken } from './remoteSecrets';

export interface RemoteSecretsRun {
  targets: ApplyCluster[];
  clients: Map<string, ClusterObjectApi>;
  /** The spec's Istio control-plane namespace of each cluster. */
  controlPlaneNamespaces: Map<string, string>;
  /** The bundle apply's reports, one per target; remote secret results are added to them. */
  reports: ClusterApplyReport[];
  force: boolean;
  concurrency?: number;
  signal?: AbortSignal;
  log: (message: string) => void;
  /** Called with every requested token before it can appear anywhere, so it is redacted. */
  onToken: (token: string) => void;
}

/**
 * After every cluster's bundle is applied: on each cluster, Istio's reader service account (and its
 * ClusterRole) is created if missing and a bounded token of it requested through the TokenRequest
 * API; each cluster then gets the remote secrets of its peers in its control-plane namespace.
 */
export async function applyRemoteSecrets(run: RemoteSecretsRun): Promise<void> {
  const reportOf = (name: string) => run.reports.find(r => r.cluster === name)!;
  if (run.signal?.aborted) {
    return;
  }
  if (run.reports.some(hasFailures)) {
    run.log('remote secrets not created: the bundle apply did not succeed');
    return;
  }
  const readers = await Promise.all(
    run.targets.map(peer => requestReaderToken(run, peer, reportOf(peer.name))),
  );
  if (readers.some(r => r === undefined)) {
    run.log(
      'remote secrets not created: a reader token could not be requested',
    );
    return;
  }
  await Promise.all(
    run.targets.map(async target => {
      const namespace = run.controlPlaneNamespaces.get(target.name)!;
      const items = (readers as PeerReaderToken[])
        .filter(r => r.peer.name !== target.name)
        .map(reader => ({ object: buildRemoteSecret(reader, namespace) }));
      const secrets = await applyToCluster({
        clusterName: target.name,
        client: run.clients.get(target.name)!,
        items,
        force: run.force,
        dryRunOnly: false,
        log: run.log,
        concurrency: run.concurrency,
        signal: run.signal,
      });
      const report = reportOf(target.name);
      report.results.push(...secrets.results);
      report.missingCrds.push(...secrets.missingCrds);
    }),
  );
}

async function requestReaderToken(
  run: RemoteSecretsRun,
  peer: ApplyCluster,
  report: ClusterApplyReport,
): Promise<PeerReaderToken | undefined> {
  const client = run.clients.get(peer.name)!;
  const namespace = run.controlPlaneNamespaces.get(peer.name)!;
  try {
    report.results.push(...(await ensureIstioReader(client, namespace)));
    const { token, expires } = await client.requestServiceAccountToken(
      namespace,
      ISTIO_READER_SERVICE_ACCOUNT,
      REMOTE_SECRET_TOKEN_SECONDS,
    );
    run.onToken(token);
    run.log(
      `${
        peer.name
      }: reader token for remote secrets requested, valid until ${expires.toISOString()}`,
    );
    return { peer, token, expires };
  } catch (error) {
    report.results.push({
      cluster: peer.name,
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      name: ISTIO_READER_SERVICE_ACCOUNT,
      namespace,
      outcome: 'failed',
      reason: `reader token for remote secrets: ${(error as Error).message}`,
    });
    return undefined;
  }
}
