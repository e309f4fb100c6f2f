import { InputError } from '@backstage/errors';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { KubernetesObject } from '../bundle/meshBundle';
import {
  MANAGED_BY_LABEL,
  MANAGED_BY_VALUE,
  REVISION_LABEL,
} from '../render/revisionLabels';
import { applyMeshBundle } from './applyMeshBundle';
import { ClusterApplyReport } from './applyResult';
import {
  ContractCluster,
  kubernetesConfigFor,
  startContractClusters,
} from './__testUtils__/contractClusters';
import { ENGINE_KINDS } from './__testUtils__/contractKinds';
import {
  deployment,
  namespace,
  writeHandMadeBundle,
} from './__testUtils__/handMadeBundle';

const ARGO = 'argoproj.io/v1alpha1';

function application(
  name: string,
  labels: Record<string, string>,
): KubernetesObject {
  return {
    apiVersion: ARGO,
    kind: 'Application',
    metadata: { name, namespace: 'argocd', labels },
    spec: { project: 'default' },
  };
}
const owned = (revision: string) => ({
  [MANAGED_BY_LABEL]: MANAGED_BY_VALUE,
  [REVISION_LABEL]: revision,
});

describe('removeRevision', () => {
  let clusters: ContractCluster[];
  let dir: string;
  const server = () => clusters[0].server;
  const apps = () =>
    server()
      .allObjects()
      .filter(o => o.kind === 'Application')
      .map(o => o.metadata.name)
      .sort();

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'remove-revision-'));
    clusters = await startContractClusters(['lab'], {
      customKinds: [ENGINE_KINDS.argoApplication, ENGINE_KINDS.fluxHelmRelease],
    });
    // GIVEN a cluster running revision 1-30-3 beside 1-31-0, and objects the bundle does not own
    for (const object of [
      namespace('argocd'),
      application('istiod-1-30-3', owned('1-30-3')),
      application('istiod-1-31-0', owned('1-31-0')),
      application('someone-elses', { [REVISION_LABEL]: '1-30-3' }),
    ]) {
      server().applyAs('kubectl', object);
    }
  });
  afterEach(async () => {
    await Promise.all(clusters.map(c => c.server.stop()));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const apply = async (
    bundle: KubernetesObject[],
    options: { dryRunOnly?: boolean; removeRevision?: string } = {},
  ): Promise<ClusterApplyReport> => {
    await writeHandMadeBundle(dir, { lab: bundle });
    const [report] = await applyMeshBundle({
      config: kubernetesConfigFor(clusters),
      bundleDir: dir,
      clusters: ['lab'],
      dryRunOnly: options.dryRunOnly ?? false,
      force: false,
      remoteSecrets: false,
      removeRevision: options.removeRevision ?? '1-30-3',
      log: () => {},
    });
    return report;
  };
  const rows = (report: ClusterApplyReport) =>
    report.results.map(r => `${r.outcome} ${r.kind} ${r.name}`);

  it('deletes only the objects with both labels of the revision, after applying, dry-run first', async () => {
    // WHEN a bundle without revision 1-30-3 is applied with removeRevision 1-30-3
    const report = await apply([namespace('mesh'), deployment('web', 'mesh')]);
    // THEN the bundle is applied, the old Application is deleted and reported, nothing else is
    expect(rows(report)).toEqual([
      'created Namespace mesh',
      'created Deployment web',
      'deleted Application istiod-1-30-3',
    ]);
    expect(apps()).toEqual(['istiod-1-31-0', 'someone-elses']);
    const deletes = server().requests.filter(r => r.method === 'DELETE');
    expect(deletes.map(r => r.query.dryRun ?? 'real')).toEqual(['All', 'real']);
    expect(
      server().requests.filter(
        r => r.method === 'GET' && r.query.labelSelector,
      ),
    ).toEqual([
      expect.objectContaining({
        path: '/apis/argoproj.io/v1alpha1/applications',
        query: {
          labelSelector: `${MANAGED_BY_LABEL}=${MANAGED_BY_VALUE},${REVISION_LABEL}=1-30-3`,
        },
      }),
      expect.objectContaining({
        path: '/apis/helm.toolkit.fluxcd.io/v2/helmreleases',
      }),
    ]);
  });

  it('with dryRunOnly, reports what would be deleted and deletes nothing', async () => {
    const report = await apply([namespace('mesh')], { dryRunOnly: true });
    expect(report.dryRun).toBe(true);
    expect(rows(report)).toEqual([
      'created Namespace mesh',
      'deleted Application istiod-1-30-3',
    ]);
    expect(apps()).toEqual(['istiod-1-30-3', 'istiod-1-31-0', 'someone-elses']);
    expect(
      server()
        .requests.filter(r => r.method === 'DELETE')
        .map(r => r.query.dryRun),
    ).toEqual(['All']);
  });

  it('refuses a bundle that still installs the revision, before any request, naming the input', async () => {
    const run = apply([application('istiod-1-30-3', owned('1-30-3'))]);
    await expect(run).rejects.toThrow(InputError);
    await expect(run).rejects.toThrow(
      /removeRevision: the bundle of cluster "lab" still installs revision 1-30-3 \(Application argocd\/istiod-1-30-3\)/,
    );
    const pinned = namespace('shop');
    pinned.metadata.labels = { [REVISION_LABEL]: '1-30-3' };
    await expect(apply([pinned])).rejects.toThrow(/Namespace shop/);
    expect(server().requests).toEqual([]);
  });

  it('refuses a value that is not a revision name', async () => {
    await expect(
      apply([namespace('mesh')], { removeRevision: '1-30-3,x=y' }),
    ).rejects.toThrow(
      /removeRevision: "1-30-3,x=y" is not an Istio revision name/,
    );
    expect(server().requests).toEqual([]);
  });

  it('deletes nothing when the dry-run of one deletion fails', async () => {
    server().applyAs(
      'kubectl',
      application('istiod-1-30-3-b', owned('1-30-3')),
    );
    server().faults = request =>
      request.method === 'DELETE' && request.path.endsWith('/istiod-1-30-3-b')
        ? { kind: 'status', code: 403 }
        : undefined;
    const report = await apply([namespace('mesh')]);
    expect(rows(report)).toEqual([
      'created Namespace mesh',
      'skipped Application istiod-1-30-3',
      'failed Application istiod-1-30-3-b',
    ]);
    expect(report.results[2].reason).toMatch(/^server dry-run: HTTP 403/);
    expect(apps()).toContain('istiod-1-30-3');
    expect(
      server().requests.filter(r => r.method === 'DELETE' && !r.query.dryRun),
    ).toEqual([]);
  });

  it('removes nothing when the apply failed', async () => {
    server().faults = request =>
      request.method === 'PATCH' && !request.query.dryRun
        ? { kind: 'status', code: 403 }
        : undefined;
    const report = await apply([namespace('mesh')]);
    expect(rows(report)).toEqual(['failed Namespace mesh']);
    expect(server().requests.filter(r => r.method === 'DELETE')).toEqual([]);
  });
});
