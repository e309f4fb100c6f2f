import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { MeshClusterSpec } from '@mesh-templates/plugin-mesh-common';
import type { MeshBundle } from '../bundle/meshBundle';
import { writeBundle } from '../bundle/writeBundle';
import { renderMeshBundle } from '../render/renderMeshBundle';
import {
  ARGOCD_RESOURCES_FINALIZER,
  MANAGED_BY_LABEL,
  MANAGED_BY_VALUE,
  REVISION_LABEL,
} from '../render/revisionLabels';
import { loadExampleSpec } from '../render/__testUtils__/exampleSpecs';
import { advanceUpgrade } from '../upgrade/advanceUpgrade';
import { applyMeshBundle } from './applyMeshBundle';
import { ClusterApplyReport } from './applyResult';
import { ContractApiServer } from './__testUtils__/contractApiServer';
import {
  ContractCluster,
  kubernetesConfigFor,
  SEED_001_CUSTOM_KINDS,
  startContractClusters,
} from './__testUtils__/contractClusters';
import {
  BUILTIN_KINDS,
  ENGINE_KINDS,
  groupVersionOf,
  ServedKind,
} from './__testUtils__/contractKinds';

jest.setTimeout(120_000);

const ARGO = 'argoproj.io/v1alpha1';
const OLD = '1-30-3';
const NEW = '1-31-0';
const CLUSTERS = ['east-1', 'west-1', 'central-1'];

/** The kinds the bundle applies, with the plurals their CRDs declare, as an operator-ready cluster serves them. */
function servedKindsFor(bundle: MeshBundle): ServedKind[] {
  const known = [...Object.values(ENGINE_KINDS), ...SEED_001_CUSTOM_KINDS];
  const used = new Set(
    bundle.objects.map(o => `${o.object.apiVersion} ${o.object.kind}`),
  );
  const key = (k: ServedKind) => `${groupVersionOf(k)} ${k.kind}`;
  const builtin = new Set(BUILTIN_KINDS.map(key));
  const custom = known.filter(k => used.has(key(k)));
  const unserved = [...used].filter(
    u => !builtin.has(u) && !custom.some(k => key(k) === u),
  );
  expect(unserved).toEqual([]);
  return custom;
}

/** Every object a server holds, as `apiVersion Kind namespace/name`, sorted. */
function objectsOf(server: ContractApiServer): string[] {
  return server
    .allObjects()
    .map(
      o =>
        `${o.apiVersion} ${o.kind} ${o.metadata.namespace ?? ''}/${
          o.metadata.name
        }`,
    )
    .sort();
}

const application = (name: string, labels: Record<string, string>) => ({
  apiVersion: ARGO,
  kind: 'Application',
  metadata: { name, namespace: 'argocd', labels },
  spec: { project: 'default' },
});

describe('a 1.30.3 → 1.31.0 upgrade of the example 3-cluster mesh, applied to contract API servers', () => {
  let clusters: ContractCluster[] = [];
  const dirs: string[] = [];
  afterEach(async () => {
    await Promise.all(clusters.map(c => c.server.stop()));
    dirs.forEach(d => fs.rmSync(d, { recursive: true, force: true }));
  });

  async function apply(
    spec: MeshClusterSpec,
    removeRevision?: string,
  ): Promise<ClusterApplyReport[]> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'upgrade-apply-'));
    dirs.push(dir);
    await writeBundle(renderMeshBundle(spec), dir);
    const reports = await applyMeshBundle({
      config: kubernetesConfigFor(clusters),
      bundleDir: dir,
      clusters: CLUSTERS,
      dryRunOnly: false,
      force: false,
      remoteSecrets: false,
      removeRevision,
      log: () => {},
    });
    const failed = reports
      .flatMap(r => r.results)
      .filter(r => r.outcome === 'failed');
    expect(failed).toEqual([]);
    return reports;
  }
  const istiodApplication = (
    server: ContractApiServer,
    cluster: string,
    revision: string,
  ) =>
    server.getObject(
      ARGO,
      'Application',
      `${cluster}-istiod-${revision}`,
      'argocd',
    );

  it('canary applies both istiod releases; cleanup with removeRevision removes only the old one', async () => {
    // GIVEN the example mesh (Argo CD) at the canary stage, and one contract server per member
    // with Argo CD and the operators' CRDs installed
    let spec = loadExampleSpec('multi-primary-3-clusters');
    expect(spec.gitops.engine).toBe('argocd');
    expect(spec.istio.revision).toBe(OLD);
    spec = advanceUpgrade(spec, '1.31.0', 'canary').spec;
    clusters = await startContractClusters(CLUSTERS, {
      customKinds: servedKindsFor(renderMeshBundle(spec)),
    });
    for (const { server } of clusters) {
      server.applyAs('argocd-install', {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: 'argocd' },
      });
    }

    // WHEN the canary bundle is applied
    await apply(spec);

    // THEN every member holds both istiod Applications, each labelled with its revision
    for (const { name, server } of clusters) {
      for (const revision of [OLD, NEW]) {
        const app = istiodApplication(server, name, revision);
        expect(app.metadata.labels).toEqual({
          [MANAGED_BY_LABEL]: MANAGED_BY_VALUE,
          [REVISION_LABEL]: revision,
        });
        expect(app.metadata.finalizers).toEqual([ARGOCD_RESOURCES_FINALIZER]);
      }
    }

    // GIVEN on each member an object of the old revision the bundle does not own, and one the
    // bundle's labels mark as another revision's
    for (const { name, server } of clusters) {
      server.applyAs(
        'team',
        application(`${name}-team-istiod`, { [REVISION_LABEL]: OLD }),
      );
      server.applyAs(
        'team',
        application(`${name}-istiod-1-29-0`, {
          [MANAGED_BY_LABEL]: MANAGED_BY_VALUE,
          [REVISION_LABEL]: '1-29-0',
        }),
      );
    }
    const before = new Map(clusters.map(c => [c.name, objectsOf(c.server)]));

    // WHEN the upgrade moves, promotes and cleans up, and the cleanup bundle is applied with
    // removeRevision set to the old revision
    for (const stage of ['move', 'promote', 'cleanup'] as const) {
      spec = advanceUpgrade(spec, '1.31.0', stage).spec;
    }
    const reports = await apply(spec, OLD);

    // THEN each member reports exactly the old istiod Application as deleted, which Argo CD's
    // resources finalizer holds until the controller has uninstalled the chart
    for (const { name, server } of clusters) {
      const report = reports.find(r => r.cluster === name)!;
      expect(
        report.results
          .filter(r => r.outcome === 'deleted')
          .map(r => `${r.namespace}/${r.name}`),
      ).toEqual([`argocd/${name}-istiod-${OLD}`]);
      expect(
        istiodApplication(server, name, OLD).metadata.deletionTimestamp,
      ).toEqual(expect.any(String));
      // Argo CD's controller, once the chart's resources are gone
      server.removeFinalizer(
        ARGO,
        'Application',
        `${name}-istiod-${OLD}`,
        'argocd',
        ARGOCD_RESOURCES_FINALIZER,
      );
    }

    // AND only that object is gone: the new revision's Application and every other object the
    // server held, including the two planted ones, still exist
    for (const { name, server } of clusters) {
      const oldApp = `${ARGO} Application argocd/${name}-istiod-${OLD}`;
      const expected = before.get(name)!.filter(o => o !== oldApp);
      expect(before.get(name)!).toContain(oldApp);
      expect(objectsOf(server)).toEqual(expected);
      expect(objectsOf(server)).toHaveLength(before.get(name)!.length - 1);
      expect(istiodApplication(server, name, NEW)).toBeDefined();
      expect(
        server.requests
          .filter(r => r.method === 'DELETE')
          .map(r => r.query.dryRun ?? 'real'),
      ).toEqual(['All', 'real']);
    }
  });
});
