import { createMockDirectory } from '@backstage/backend-test-utils';
import { parseMeshClusterSpec } from '@mesh-templates/plugin-mesh-common';
import { applyMeshBundle } from '../apply/applyMeshBundle';
import {
  ContractCluster,
  kubernetesConfigFor,
  startContractClusters,
} from '../apply/__testUtils__/contractClusters';
import {
  BUILTIN_KINDS,
  ServedKind,
} from '../apply/__testUtils__/contractKinds';
import { BundleIndexEntry } from '../bundle/meshBundle';
import { writeBundle } from '../bundle/writeBundle';
import { renderMeshBundle } from '../render/renderMeshBundle';
import { loadExampleSpecInput } from '../render/__testUtils__/exampleSpecs';

jest.setTimeout(120_000);

const formerMembers = ['east-1', 'west-1', 'central-1'];
const newMember = 'north-1';

/** The example 3-cluster mesh, with a fourth member as the mesh-wide pull request renders it. */
function exampleMesh(withNewMember: boolean) {
  const input = loadExampleSpecInput('multi-primary-3-clusters');
  if (withNewMember) {
    input.multiCluster.clusters.push({
      name: newMember,
      network: 'net-north',
      role: 'primary',
      eastWestGatewayAddress: '203.0.113.40',
    });
  }
  return parseMeshClusterSpec(input);
}

/** The custom resources the bundle uses, as a cluster with its operators installed serves them. */
function customKindsOf(index: BundleIndexEntry[]): ServedKind[] {
  const builtin = new Set(
    BUILTIN_KINDS.map(
      k => `${k.group ? `${k.group}/` : ''}${k.version}/${k.kind}`,
    ),
  );
  const kinds = new Map<string, ServedKind>();
  for (const { apiVersion, kind, namespace } of index) {
    if (builtin.has(`${apiVersion}/${kind}`)) continue;
    const [group, version] = apiVersion.split('/');
    kinds.set(`${apiVersion}/${kind}`, {
      group,
      version,
      kind,
      plural: `${kind.toLowerCase()}s`,
      namespaced: namespace !== undefined,
      hasStatus: true,
    });
  }
  return [...kinds.values()];
}

describe('applying the four-cluster mesh after a mesh-wide change', () => {
  const workspace = createMockDirectory();
  let clusters: ContractCluster[] = [];

  afterEach(async () => {
    await Promise.all(clusters.map(c => c.server.stop()));
  });

  /** Namespaces the bundle's objects use without creating them (the GitOps engine's own). */
  function prepareNamespaces(index: BundleIndexEntry[]) {
    const created = new Set(
      index.filter(e => e.kind === 'Namespace').map(e => e.name),
    );
    for (const { server } of clusters) {
      for (const namespace of new Set(index.map(e => e.namespace))) {
        if (namespace && !created.has(namespace)) {
          server.applyAs('kube-apiserver', {
            apiVersion: 'v1',
            kind: 'Namespace',
            metadata: { name: namespace },
          });
        }
      }
    }
  }

  it('creates the remote secrets both ways between the new cluster and every other member', async () => {
    // GIVEN one contract API server per member, each with the bundle's custom resources and the
    // namespaces its engine objects live in, and the 3-cluster mesh applied to the first three
    const names = [...formerMembers, newMember];
    const bundle = renderMeshBundle(exampleMesh(true));
    clusters = await startContractClusters(names, {
      customKinds: customKindsOf(bundle.index),
    });
    prepareNamespaces(bundle.index);
    const logs: string[] = [];
    const apply = async (withNewMember: boolean) => {
      workspace.clear();
      await writeBundle(
        renderMeshBundle(exampleMesh(withNewMember)),
        workspace.path,
      );
      const targets = withNewMember ? names : formerMembers;
      return applyMeshBundle({
        config: kubernetesConfigFor(
          clusters.filter(c => targets.includes(c.name)),
          { remoteSecretUrls: true },
        ),
        bundleDir: workspace.path,
        clusters: targets,
        dryRunOnly: false,
        force: false,
        remoteSecrets: true,
        log: message => logs.push(message),
      });
    };
    await apply(false);

    // WHEN the four-cluster bundle of the mesh-wide change is applied to all four
    const reports = await apply(true);

    // THEN every apply succeeded, and the new cluster's secrets are the ones created
    for (const report of reports) {
      expect(report.results.filter(r => r.outcome === 'failed')).toEqual([]);
    }
    expect(
      reports
        .flatMap(r => r.results)
        .filter(r => r.kind === 'Secret' && r.outcome === 'created')
        .map(r => `${r.cluster}: ${r.name}`)
        .sort(),
    ).toEqual(
      [
        ...formerMembers.map(m => `${newMember}: istio-remote-secret-${m}`),
        ...formerMembers.map(m => `${m}: istio-remote-secret-${newMember}`),
      ].sort(),
    );
    const byName = new Map(clusters.map(c => [c.name, c]));
    const north = byName.get(newMember)!;
    const secretOf = (here: ContractCluster, peer: ContractCluster) =>
      here.server.getObject(
        'v1',
        'Secret',
        `istio-remote-secret-${peer.name}`,
        'istio-system',
      );
    const kubeconfigOf = (secret: any, peer: string) =>
      Buffer.from(secret.data[peer], 'base64').toString('utf8');
    // AND the new cluster holds a remote secret for each of the three others, and each of them
    // one for the new cluster, each with the peer's reader token and never its apply token
    for (const name of formerMembers) {
      const other = byName.get(name)!;
      for (const [here, peer] of [
        [north, other],
        [other, north],
      ]) {
        const secret = secretOf(here, peer);
        expect(secret.metadata.annotations['networking.istio.io/cluster']).toBe(
          peer.name,
        );
        const kubeconfig = kubeconfigOf(secret, peer.name);
        expect(kubeconfig).toContain(
          `token: ${peer.server.issuedTokens.at(-1)!.token}`,
        );
        expect(kubeconfig).not.toContain(peer.token);
        expect(kubeconfig).toContain(
          `server: https://${peer.name}.mesh.test:6443`,
        );
      }
    }
    // AND each cluster has exactly one secret per peer, none for itself
    for (const here of clusters) {
      const secrets = here.server
        .allObjects()
        .filter(o => o.kind === 'Secret')
        .map(o => o.metadata.name)
        .sort();
      expect(secrets).toEqual(
        names
          .filter(n => n !== here.name)
          .map(n => `istio-remote-secret-${n}`)
          .sort(),
      );
    }
    // AND no token is in the task log
    const tokens = clusters.flatMap(c => [
      c.token,
      ...c.server.issuedTokens.map(t => t.token),
    ]);
    for (const token of tokens) {
      expect(logs.join('\n')).not.toContain(token);
    }
  });
});
