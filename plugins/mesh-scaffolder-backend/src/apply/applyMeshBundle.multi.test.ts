import { createMockDirectory } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import fs from 'node:fs';
import path from 'node:path';
import { listTreeFiles } from '../bundle/listTreeFiles';
import { applyMeshBundle, ApplyMeshBundleOptions } from './applyMeshBundle';
import {
  ContractCluster,
  kubernetesConfigFor,
  startContractClusters,
} from './__testUtils__/contractClusters';
import { ENGINE_KINDS } from './__testUtils__/contractKinds';
import {
  deployment,
  helmRelease,
  namespace,
  writeHandMadeBundle,
} from './__testUtils__/handMadeBundle';

describe('applyMeshBundle: readiness, CRDs from the bundle, remote secrets', () => {
  const mockDir = createMockDirectory();
  let clusters: ContractCluster[] = [];
  let logs: string[];

  beforeEach(() => {
    mockDir.clear();
    logs = [];
  });
  afterEach(async () => {
    await Promise.all(clusters.map(c => c.server.stop()));
  });

  const run = (overrides: Partial<ApplyMeshBundleOptions>) =>
    applyMeshBundle({
      config: kubernetesConfigFor(clusters),
      bundleDir: mockDir.path,
      clusters: clusters.map(c => c.name),
      dryRunOnly: false,
      force: false,
      remoteSecrets: false,
      log: message => logs.push(message),
      ...overrides,
    });

  it('waits for Deployments and HelmReleases, logs each as it becomes ready and reports the rest', async () => {
    // GIVEN a cluster with Flux and a bundle with a Deployment and a HelmRelease
    clusters = await startContractClusters(['lab'], {
      customKinds: [ENGINE_KINDS.fluxHelmRelease],
    });
    const { server } = clusters[0];
    await writeHandMadeBundle(mockDir.path, {
      lab: [
        namespace('istio-system'),
        deployment('web', 'istio-system'),
        helmRelease('istiod', 'istio-system'),
      ],
    });

    // WHEN it is applied with a wait, and the Deployment becomes available while waiting
    const pending = run({ waitTimeoutSeconds: 1, readinessPollMs: 50 });
    while (!server.getObject('apps/v1', 'Deployment', 'web', 'istio-system')) {
      await new Promise(resolve => setTimeout(resolve, 5));
    }
    server.setStatus('apps/v1', 'Deployment', 'web', 'istio-system', {
      conditions: [
        {
          type: 'Available',
          status: 'True',
          reason: 'MinimumReplicasAvailable',
        },
      ],
    });
    const [report] = await pending;

    // THEN the Deployment is logged ready and the HelmRelease reported as not ready in time
    expect(logs).toContain(
      'lab: ready: Deployment istio-system/web (Available=True (MinimumReplicasAvailable))',
    );
    expect(report.notReady).toEqual([
      'HelmRelease istio-system/istiod: no Ready condition yet',
    ]);
    // AND the task log names what the wait is for
    expect(logs).toContain(
      'lab: waiting up to 1 s for 2 objects to be ready: Deployment istio-system/web, HelmRelease istio-system/istiod',
    );
  });

  it('applies a CRD from the bundle first, then its custom resources once the kind is served', async () => {
    clusters = await startContractClusters(['lab']);
    const { server } = clusters[0];
    const crd = {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'jaegers.jaegertracing.io' },
      spec: {
        group: 'jaegertracing.io',
        scope: 'Namespaced',
        names: {
          kind: 'Jaeger',
          plural: 'jaegers',
          singular: 'jaeger',
        },
        versions: [
          {
            name: 'v1',
            served: true,
            storage: true,
            schema: { openAPIV3Schema: { type: 'object' } },
          },
        ],
      },
    };
    const probe = {
      apiVersion: 'jaegertracing.io/v1',
      kind: 'Jaeger',
      metadata: { name: 'p', namespace: 'default' },
      spec: { target: 'istiod' },
    };
    await writeHandMadeBundle(mockDir.path, { lab: [probe, crd] });

    const [report] = await run({});

    expect(report.results.map(r => [r.kind, r.outcome])).toEqual([
      ['Jaeger', 'created'],
      ['CustomResourceDefinition', 'created'],
    ]);
    expect(server.writes).toEqual([
      'customresourcedefinitions//jaegers.jaegertracing.io',
      'jaegers/default/p',
    ]);
  });

  it('creates remote secrets holding a reader token requested from each peer, never the apply token', async () => {
    // GIVEN two clusters of one mesh, each with the address peers reach it at
    clusters = await startContractClusters(['east', 'west']);
    await writeHandMadeBundle(mockDir.path, {
      east: [namespace('istio-system')],
      west: [namespace('istio-system')],
    });
    const [east, west] = clusters;

    // WHEN the bundle is applied to both with remote secrets
    const reports = await run({
      config: kubernetesConfigFor(clusters, { remoteSecretUrls: true }),
      remoteSecrets: true,
    });

    // THEN each cluster has Istio's reader service account, its ClusterRole and binding, and one
    // bounded token of it was requested through the TokenRequest API
    for (const cluster of clusters) {
      const { server } = cluster;
      expect(
        server.getObject(
          'v1',
          'ServiceAccount',
          'istio-reader-service-account',
          'istio-system',
        ),
      ).toBeDefined();
      const role = server.getObject(
        'rbac.authorization.k8s.io/v1',
        'ClusterRole',
        'istio-reader-clusterrole-istio-system',
      );
      const verbs = role.rules.flatMap((r: any) => r.verbs);
      expect(new Set(verbs)).toEqual(
        new Set(['get', 'list', 'watch', 'create']),
      );
      expect(
        role.rules
          .filter((r: any) => r.verbs.includes('create'))
          .flatMap((r: any) => r.resources),
      ).toEqual(['tokenreviews', 'subjectaccessreviews']);
      expect(server.issuedTokens).toEqual([
        expect.objectContaining({
          namespace: 'istio-system',
          serviceAccount: 'istio-reader-service-account',
          expirationSeconds: 30 * 24 * 3600,
        }),
      ]);
    }
    // AND each cluster holds the other's remote secret, in the shape istiod reads, with the
    // peer's reader token, its configured address and its CA
    for (const [here, peer] of [
      [east, west],
      [west, east],
    ]) {
      const secret = here.server.getObject(
        'v1',
        'Secret',
        `istio-remote-secret-${peer.name}`,
        'istio-system',
      );
      expect(secret.metadata.labels).toEqual({ 'istio/multiCluster': 'true' });
      expect(secret.metadata.annotations).toEqual({
        'networking.istio.io/cluster': peer.name,
        'mesh.backstage.io/token-expires': expect.stringMatching(/^\d{4}-/),
      });
      const kubeconfig = Buffer.from(secret.data[peer.name], 'base64').toString(
        'utf8',
      );
      expect(kubeconfig).toContain(
        `server: https://${peer.name}.mesh.test:6443`,
      );
      expect(kubeconfig).toContain(
        `token: ${peer.server.issuedTokens[0].token}`,
      );
      expect(kubeconfig).not.toContain(peer.token);
      expect(kubeconfig).not.toContain('insecure-skip-tls-verify');
      expect(kubeconfig).toContain('certificate-authority-data: ');
      expect(
        here.server.getObject(
          'v1',
          'Secret',
          `istio-remote-secret-${here.name}`,
          'istio-system',
        ),
      ).toBeUndefined();
    }
    // AND no token, neither Backstage's nor a reader's, is in the workspace, the logs or the reports
    const tokens = clusters.flatMap(c => [
      c.token,
      ...c.server.issuedTokens.map(t => t.token),
    ]);
    const workspaceText = await readTree(mockDir.path);
    const everything = [
      workspaceText,
      logs.join('\n'),
      JSON.stringify(reports),
    ].join('\n');
    for (const token of tokens) {
      expect(everything).not.toContain(token);
      expect(everything).not.toContain(Buffer.from(token).toString('base64'));
    }
    expect(
      reports
        .flatMap(r => r.results)
        .filter(r => r.kind === 'Secret')
        .map(r => [r.cluster, r.name, r.outcome]),
    ).toEqual([
      ['east', 'istio-remote-secret-west', 'created'],
      ['west', 'istio-remote-secret-east', 'created'],
    ]);
  });

  it('refuses remote secrets a peer could not use, before anything is written', async () => {
    clusters = await startContractClusters(['east', 'west']);
    await writeHandMadeBundle(mockDir.path, {
      east: [namespace('istio-system')],
      west: [namespace('istio-system')],
    });
    // the config URLs are loopback addresses, which mean nothing inside another cluster
    await expect(run({ remoteSecrets: true })).rejects.toThrow(
      /kubernetes\.clusterLocatorMethods\[0\]\.clusters\[0\]\.url must be an https address other clusters can reach/,
    );
    // a peer whose certificate is not verified could be impersonated
    const base = kubernetesConfigFor(clusters, { remoteSecretUrls: true });
    const entries = base.getConfigArray('kubernetes.clusterLocatorMethods')[0];
    const unverified = new ConfigReader({
      kubernetes: {
        clusterLocatorMethods: [
          {
            type: 'config',
            clusters: entries
              .getConfigArray('clusters')
              .map(c => ({ ...c.get<object>(), skipTLSVerify: true })),
          },
        ],
      },
    });
    await expect(
      run({ config: unverified, remoteSecrets: true }),
    ).rejects.toThrow(
      /clusters\[0\]\.caData is required \(and skipTLSVerify must be off\)/,
    );
    for (const cluster of clusters) {
      expect(cluster.server.writes).toEqual([]);
      expect(cluster.server.requests).toEqual([]);
    }
  });

  it('keeps tokens out of errors when a peer rejects the token', async () => {
    clusters = await startContractClusters(['east', 'west']);
    await writeHandMadeBundle(mockDir.path, {
      east: [namespace('istio-system')],
      west: [namespace('istio-system')],
    });
    // west's token in config no longer matches what its API server accepts
    const config = kubernetesConfigFor([
      clusters[0],
      { ...clusters[1], token: 'stale-token-of-west-1234' },
    ]);
    const error = await run({ config, remoteSecrets: false }).then(
      () => undefined,
      e => e as Error,
    );
    expect(String(error?.message)).toMatch(
      /Discovery \/api on cluster "west" failed: HTTP 401/,
    );
    expect(String(error?.message)).not.toContain('stale-token-of-west-1234');
    expect(logs.join('\n')).not.toContain('stale-token-of-west-1234');
  });
});

async function readTree(dir: string): Promise<string> {
  return (await listTreeFiles(dir))
    .map(file => fs.readFileSync(path.join(dir, file), 'utf8'))
    .join('\n');
}
