import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import yaml from 'yaml';
import {
  ContractCluster,
  kubernetesConfigFor,
  startContractClusters,
} from '../apply/__testUtils__/contractClusters';
import {
  deployment,
  namespace,
  writeHandMadeBundle,
} from '../apply/__testUtils__/handMadeBundle';
import { ENGINE_KINDS } from '../apply/__testUtils__/contractKinds';
import { revisionLabels } from '../render/revisionLabels';
import { createMeshClusterApplyAction } from './clusterApply';
import { examples } from './clusterApply.examples';

describe('mesh:cluster:apply examples', () => {
  const mockDir = createMockDirectory();
  let clusters: ContractCluster[];

  beforeEach(async () => {
    mockDir.clear();
    clusters = await startContractClusters(['lab', 'east', 'west'], {
      customKinds: [ENGINE_KINDS.argoApplication],
    });
    const tree = (name: string) => [
      namespace('istio-system'),
      deployment(`probe-${name}`, 'istio-system'),
    ];
    await writeHandMadeBundle(mockDir.path, {
      lab: tree('lab'),
      east: tree('east'),
      west: tree('west'),
    });
    await writeHandMadeBundle(mockDir.resolve('bundle'), { lab: tree('lab') });
  });
  afterEach(async () => {
    await Promise.all(clusters.map(c => c.server.stop()));
  });

  const runExample = async (i: number) => {
    const action = createMeshClusterApplyAction({
      // remote secrets carry the address peers reach a cluster at, never a loopback one
      config: kubernetesConfigFor(clusters, { remoteSecretUrls: true }),
      permissions: mockServices.permissions({ result: AuthorizeResult.ALLOW }),
    });
    const ctx = createMockActionContext({
      input: yaml.parse(examples[i].example).steps[0].input,
      workspacePath: mockDir.path,
    });
    await action.handler(ctx as any);
    return ctx;
  };
  const server = (name: string) => clusters.find(c => c.name === name)!.server;

  it('applies to one cluster', async () => {
    const ctx = await runExample(0);
    expect(ctx.output).toHaveBeenCalledWith('summary', 'lab: 2 created');
    expect(server('lab').writes).toEqual([
      'namespaces//istio-system',
      'deployments/istio-system/probe-lab',
    ]);
  });

  it('previews with a server dry-run from a sub-folder', async () => {
    const ctx = await runExample(1);
    expect(ctx.output).toHaveBeenCalledWith(
      'summary',
      'lab (server dry-run): 1 created, 1 skipped',
    );
    expect(server('lab').writes).toEqual([]);
  });

  it('applies a two-cluster mesh with remote secrets and waits for readiness', async () => {
    // The deployments report Available as soon as they exist, as a controller would.
    const markAvailable = setInterval(() => {
      for (const name of ['east', 'west']) {
        if (
          server(name).getObject(
            'apps/v1',
            'Deployment',
            `probe-${name}`,
            'istio-system',
          )
        ) {
          server(name).setStatus(
            'apps/v1',
            'Deployment',
            `probe-${name}`,
            'istio-system',
            {
              conditions: [{ type: 'Available', status: 'True' }],
            },
          );
        }
      }
    }, 20);
    try {
      const ctx = await runExample(2);
      // per cluster: the namespace, the deployment, Istio's reader service account, its
      // ClusterRole and binding, and the peer's remote secret
      expect(ctx.output).toHaveBeenCalledWith(
        'summary',
        'east: 6 created\nwest: 6 created',
      );
    } finally {
      clearInterval(markAvailable);
    }
    expect(
      server('east').getObject(
        'v1',
        'Secret',
        'istio-remote-secret-west',
        'istio-system',
      ),
    ).toBeDefined();
    expect(
      server('west').getObject(
        'v1',
        'Secret',
        'istio-remote-secret-east',
        'istio-system',
      ),
    ).toBeDefined();
  });

  it('applies the cleanup bundle and removes the retired revision', async () => {
    // GIVEN the lab cluster still holds revision 1-30-3's istiod Application, and another revision's
    server('lab').applyAs('kubectl', namespace('argocd'));
    for (const revision of ['1-30-3', '1-31-0']) {
      server('lab').applyAs('kubectl', {
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'Application',
        metadata: {
          name: `lab-istiod-${revision}`,
          namespace: 'argocd',
          labels: revisionLabels(revision),
        },
        spec: { project: 'default' },
      });
    }
    // WHEN the example runs THEN the bundle is applied and only 1-30-3's Application is deleted
    const ctx = await runExample(3);
    expect(ctx.output).toHaveBeenCalledWith(
      'summary',
      'lab: 2 created, 1 deleted',
    );
    const applications = server('lab')
      .allObjects()
      .filter(o => o.kind === 'Application')
      .map(o => o.metadata.name);
    expect(applications).toEqual(['lab-istiod-1-31-0']);
  });

  it('applies with force', async () => {
    const ctx = await runExample(4);
    expect(ctx.output).toHaveBeenCalledWith('summary', 'lab: 2 created');
    expect(
      server('lab')
        .requests.filter(r => r.method === 'PATCH')
        .every(r => r.query.force === 'true'),
    ).toBe(true);
  });
});
