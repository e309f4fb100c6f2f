import { createMockDirectory } from '@backstage/backend-test-utils';
import fs from 'node:fs/promises';
import { MeshBundle } from '../bundle/meshBundle';
import { applyMeshBundle, ApplyMeshBundleOptions } from './applyMeshBundle';
import { ClusterApplyReport } from './applyResult';
import {
  ContractCluster,
  kubernetesConfigFor,
  SEED_001_CUSTOM_KINDS,
  startContractClusters,
  writeExampleBundle,
} from './__testUtils__/contractClusters';
import { BUNDLE_INDEX_FILE } from '../bundle/bundleIndex';

const CLUSTER = 'dxlab-dt-01';
const METALLB_NAMESPACE = {
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: { name: 'metallb-system' },
};

describe('applyMeshBundle against the contract API server (seed-001 bundle)', () => {
  const mockDir = createMockDirectory();
  let clusters: ContractCluster[];
  let logs: string[];
  let bundle: MeshBundle;

  beforeEach(async () => {
    mockDir.clear();
    logs = [];
    bundle = await writeExampleBundle(
      'seed-001-rke2-otel-tempo.yaml',
      mockDir.path,
    );
  });
  afterEach(async () => {
    await Promise.all(clusters.map(c => c.server.stop()));
  });

  async function start(customKinds = SEED_001_CUSTOM_KINDS) {
    clusters = await startContractClusters([CLUSTER], { customKinds });
    // MetalLB's namespace exists wherever MetalLB is installed; the bundle only adds pools to it.
    clusters[0].server.applyAs('helm-controller', METALLB_NAMESPACE);
    return clusters[0];
  }

  const run = (overrides: Partial<ApplyMeshBundleOptions> = {}) =>
    applyMeshBundle({
      config: kubernetesConfigFor(clusters),
      bundleDir: mockDir.path,
      clusters: [CLUSTER],
      dryRunOnly: false,
      force: false,
      remoteSecrets: false,
      log: message => logs.push(message),
      ...overrides,
    });

  const outcomes = (report: ClusterApplyReport) =>
    Object.fromEntries(
      report.results.map(r => [
        `${r.kind} ${r.namespace ?? ''}/${r.name}`,
        r.outcome,
      ]),
    );

  it('creates every object in tier order, then a second apply is unchanged and writes nothing', async () => {
    // GIVEN a cluster that serves every kind of the bundle
    const { server } = await start();

    // WHEN the bundle is applied
    const [first] = await run();

    // THEN every object is created, namespaces before anything namespaced
    // seed-001's 12 objects, its PrometheusRule included
    expect(first.results).toHaveLength(12);
    expect(new Set(first.results.map(r => r.outcome))).toEqual(
      new Set(['created', 'configured']),
    );
    // `default` exists in every cluster: the bundle only adds labels to it
    expect(outcomes(first)['Namespace /default']).toBe('configured');
    expect(outcomes(first)['Kiali istio-system/kiali']).toBe('created');
    const writes = server.writes;
    const firstNamespaced = writes.findIndex(w => !w.startsWith('namespaces/'));
    expect(writes.slice(0, firstNamespaced).sort()).toEqual([
      'namespaces//default',
      'namespaces//istio-system',
      'namespaces//otel-system',
    ]);
    expect(
      writes.slice(firstNamespaced).every(w => !w.startsWith('namespaces/')),
    ).toBe(true);
    expect(writes).toHaveLength(12);
    // every write was a server-side apply with our field manager, after a dry-run of all objects
    const patches = server.requests.filter(r => r.method === 'PATCH');
    expect(
      patches.every(p => p.contentType === 'application/apply-patch+yaml'),
    ).toBe(true);
    expect(
      patches.every(
        p =>
          p.query.fieldManager === 'backstage-mesh' &&
          p.query.force === undefined,
      ),
    ).toBe(true);
    const firstRealWrite = patches.findIndex(p => p.query.dryRun === undefined);
    // Namespaced objects in namespaces the bundle creates are dry-run right after tier 0
    expect(
      patches.slice(0, firstRealWrite).every(p => p.query.dryRun === 'All'),
    ).toBe(true);
    expect(
      server.getObject('kiali.io/v1alpha1', 'Kiali', 'kiali', 'istio-system')
        .metadata.managedFields[0].manager,
    ).toBe('backstage-mesh');
    expect(logs.some(l => l.includes('tier 1/3 (CRDs and namespaces)'))).toBe(
      true,
    );

    // WHEN it is applied again
    const [second] = await run();

    // THEN every object is unchanged and nothing was written
    expect(second.results.map(r => r.outcome)).toEqual(
      Array(12).fill('unchanged'),
    );
    expect(server.writes).toHaveLength(12);
  });

  it('writes nothing when one object fails the server dry-run, and names it with the reason', async () => {
    // GIVEN an invalid object in the bundle: a label value the API server rejects
    const { server } = await start();
    const file = mockDir.resolve('clusters/dxlab-dt-01/gateways/metallb.yaml');
    const text = await fs.readFile(file, 'utf8');
    await fs.writeFile(
      file,
      text.replace('name: ip-pool', 'name: Bad_Pool_Name'),
    );
    const index = JSON.parse(
      await fs.readFile(mockDir.resolve(BUNDLE_INDEX_FILE), 'utf8'),
    );
    index.objects.find((o: any) => o.name === 'ip-pool').name = 'Bad_Pool_Name';
    await fs.writeFile(
      mockDir.resolve(BUNDLE_INDEX_FILE),
      JSON.stringify(index),
    );

    // WHEN the bundle is applied
    const [report] = await run();

    // THEN nothing is written, the object is named with the server's reason, the rest skipped
    expect(server.writes).toEqual([]);
    const failed = report.results.filter(r => r.outcome === 'failed');
    expect(failed).toEqual([
      expect.objectContaining({
        kind: 'IPAddressPool',
        name: 'Bad_Pool_Name',
        file: 'clusters/dxlab-dt-01/gateways/metallb.yaml',
        reason: expect.stringMatching(
          /server dry-run: Invalid: .*metadata\.name: Invalid value: "Bad_Pool_Name"/,
        ),
      }),
    ]);
    expect(report.results.filter(r => r.outcome === 'skipped')).toHaveLength(
      11,
    );
    expect(logs.join('\n')).toContain('nothing written');
  });

  it('reports a missing CRD by name before anything is written', async () => {
    // GIVEN a cluster without the Kiali operator's CRD
    const { server } = await start(
      SEED_001_CUSTOM_KINDS.filter(k => k.kind !== 'Kiali'),
    );

    // WHEN the bundle is applied
    const [report] = await run();

    // THEN the CRD is named and no request wrote or even dry-ran anything
    expect(report.missingCrds).toEqual(['kialis.kiali.io']);
    expect(report.results.find(r => r.kind === 'Kiali')).toMatchObject({
      outcome: 'failed',
      reason: expect.stringContaining(
        'CRD kialis.kiali.io (serving kiali.io/v1alpha1) is not installed on this cluster; install the Kiali operator first',
      ),
    });
    expect(server.writes).toEqual([]);
    expect(server.requests.filter(r => r.method === 'PATCH')).toEqual([]);
  });

  it('reports a field owned by another manager instead of overwriting it, and takes it with force', async () => {
    // GIVEN someone took the PeerAuthentication's mode with kubectl --force-conflicts
    const { server } = await start();
    await run();
    server.applyAs(
      'kubectl',
      {
        apiVersion: 'security.istio.io/v1beta1',
        kind: 'PeerAuthentication',
        metadata: { name: 'default', namespace: 'istio-system' },
        spec: { mtls: { mode: 'DISABLE' } },
      },
      true,
    );
    const read = () =>
      server.getObject(
        'security.istio.io/v1beta1',
        'PeerAuthentication',
        'default',
        'istio-system',
      );
    const writesBefore = server.writes.length;

    // WHEN the bundle is applied without force
    const [refused] = await run();

    // THEN the conflict names the field and the manager, and the value stays
    expect(
      refused.results.find(r => r.kind === 'PeerAuthentication'),
    ).toMatchObject({
      outcome: 'failed',
      reason: expect.stringContaining('.spec.mtls.mode (owned by "kubectl")'),
    });
    expect(read().spec.mtls.mode).toBe('DISABLE');
    expect(server.writes).toHaveLength(writesBefore);

    // WHEN it is applied with force
    const [forced] = await run({ force: true });

    // THEN the field is taken over
    expect(
      forced.results.find(r => r.kind === 'PeerAuthentication')?.outcome,
    ).toBe('configured');
    const rendered = bundle.objects.find(
      o => o.object.kind === 'PeerAuthentication',
    )!.object as any;
    expect(read().spec.mtls.mode).toBe(rendered.spec.mtls.mode);
    expect(read().metadata.managedFields.map((m: any) => m.manager)).toEqual([
      'backstage-mesh',
    ]);
    expect(
      server.requests.filter(r => r.query.force === 'true').length,
    ).toBeGreaterThan(0);
  });

  it('dry-run only reports what would happen and writes nothing', async () => {
    const { server } = await start();
    const [report] = await run({ dryRunOnly: true });
    expect(report.dryRun).toBe(true);
    expect(server.writes).toEqual([]);
    expect(outcomes(report)['Namespace /istio-system']).toBe('created');
    // objects in namespaces the bundle creates cannot be dry-run before those namespaces exist
    expect(report.results.find(r => r.kind === 'Kiali')).toMatchObject({
      outcome: 'skipped',
      reason:
        'not dry-run: needs namespace istio-system, which this bundle creates',
    });
  });
});
