import {
  ApiException,
  KubernetesObjectApi,
  PatchStrategy,
} from '@kubernetes/client-node';
import { findApplyCluster } from './clusterConfig';
import { FIELD_MANAGER } from './clusterObjectApi';
import { createKubeApiClient, kubeConfigOf } from './kubeClient';
import { KubeRequestError } from './kubeRequestError';
import {
  ContractCluster,
  kubernetesConfigFor,
  startContractClusters,
} from './__testUtils__/contractClusters';
import { ContractApiServerOptions } from './__testUtils__/contractApiServer';

/**
 * Why ClusterObjectApi exists: each test sets what the stock `KubernetesObjectApi` does against the
 * contract server beside what apply needs, for one gap the subclass closes.
 */
describe('ClusterObjectApi, against the library it extends', () => {
  let cluster: ContractCluster;
  afterEach(() => cluster.server.stop());

  async function start(options: Omit<ContractApiServerOptions, 'token'> = {}) {
    [cluster] = await startContractClusters(['lab'], options);
    const applyCluster = findApplyCluster(
      kubernetesConfigFor([cluster]),
      'lab',
    );
    return {
      ours: createKubeApiClient(applyCluster),
      stock: KubernetesObjectApi.makeApiClient(kubeConfigOf(applyCluster)),
    };
  }
  const discoveryRequests = () =>
    cluster.server.requests.filter(r => r.method === 'GET').map(r => r.path);
  const configMap = (name: string, extra: object = {}) => ({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name, namespace: 'default' },
    data: { a: '1' },
    ...extra,
  });
  const byKind = [
    ['v1', 'ConfigMap'],
    ['v1', 'Secret'],
    ['apps/v1', 'Deployment'],
    ['apps/v1', 'DaemonSet'],
    ['rbac.authorization.k8s.io/v1', 'ClusterRole'],
  ];

  it('resolves every kind from aggregated discovery in two requests; the library asks per group version and call', async () => {
    const { ours, stock } = await start();

    await Promise.all(byKind.map(([v, k]) => ours.discovery.resolve(v, k)));
    expect(discoveryRequests()).toEqual(['/api', '/apis']);
    expect(
      cluster.server.requests.every(r =>
        r.accept?.startsWith('application/json;g=apidiscovery.k8s.io;v=v2'),
      ),
    ).toBe(true);

    // the library's own lookup: one request per call until the first answer is cached
    const before = cluster.server.requests.length;
    await Promise.all(
      byKind.map(([apiVersion, kind]) =>
        stock
          .read({ apiVersion, kind, metadata: { name: 'x', namespace: 'a' } })
          .catch(() => undefined),
      ),
    );
    const stockDiscovery = discoveryRequests().slice(2, 2 + byKind.length);
    expect(cluster.server.requests.length - before).toBe(2 * byKind.length);
    expect(stockDiscovery.sort()).toEqual([
      '/api/v1',
      '/api/v1',
      '/apis/apps/v1',
      '/apis/apps/v1',
      '/apis/rbac.authorization.k8s.io/v1',
    ]);
  });

  it('falls back to legacy discovery, once per group version, on a server without aggregated discovery', async () => {
    const { ours } = await start({ aggregatedDiscovery: false });

    const resolved = await Promise.all(
      byKind.map(([v, k]) => ours.discovery.resolve(v, k)),
    );

    expect(resolved.map(r => r?.plural)).toEqual([
      'configmaps',
      'secrets',
      'deployments',
      'daemonsets',
      'clusterroles',
    ]);
    expect(discoveryRequests()).toEqual([
      '/api',
      '/apis',
      '/api/v1',
      '/apis/apps/v1',
      '/apis/rbac.authorization.k8s.io/v1',
    ]);
  });

  it('sends the apply body as given; the library drops fields its models do not know', async () => {
    const { ours, stock } = await start();
    // a misspelt field: a real server's apply rejects it, the library never sends it
    const typo = { immutabel: true };

    await ours.serverSideApply(configMap('ours', typo), {
      dryRun: false,
      force: false,
    });
    await stock.patch(
      configMap('stock', typo),
      undefined,
      undefined,
      FIELD_MANAGER,
      undefined,
      PatchStrategy.ServerSideApply,
    );

    const stored = (name: string) =>
      cluster.server.getObject('v1', 'ConfigMap', name, 'default');
    expect(stored('ours').immutabel).toBe(true);
    expect(stored('stock')).toBeDefined();
    expect(stored('stock').immutabel).toBeUndefined();
  });

  it("keeps the name in the path as given; the library lowercases it and the server's validation message is lost", async () => {
    const { ours, stock } = await start();
    const invalid = configMap('Bad_Name');

    const ourError = await ours
      .serverSideApply(invalid, { dryRun: true, force: false })
      .catch(e => e);
    const stockError = await stock
      .patch(
        invalid,
        undefined,
        'All',
        FIELD_MANAGER,
        undefined,
        PatchStrategy.ServerSideApply,
      )
      .catch(e => e);

    expect(ourError).toBeInstanceOf(KubeRequestError);
    expect(ourError.code).toBe(422);
    expect(ourError.message).toContain(
      'metadata.name: Invalid value: "Bad_Name"',
    );
    expect(stockError).toBeInstanceOf(ApiException);
    expect(stockError.code).toBe(400);
    expect(String(stockError.body)).toContain(
      'does not match the name on the URL (bad_name)',
    );
  });

  it('gives the Status of a failed request as an object; the library keeps it as text, in a message with the headers', async () => {
    const { ours, stock } = await start();
    cluster.server.applyAs('kubectl', configMap('taken', { data: { a: '2' } }));
    const contested = configMap('taken');

    const ourError: KubeRequestError = await ours
      .serverSideApply(contested, { dryRun: true, force: false })
      .catch(e => e);
    const stockError = await stock
      .patch(
        contested,
        undefined,
        'All',
        FIELD_MANAGER,
        undefined,
        PatchStrategy.ServerSideApply,
      )
      .catch(e => e);

    expect(ourError.code).toBe(409);
    expect(ourError.status?.details?.causes?.[0]).toMatchObject({
      field: '.data.a',
      message: 'conflict with "kubectl" using v1',
    });
    expect(ourError.message).not.toContain('Headers');
    expect(typeof stockError.body).toBe('string');
    expect(stockError.message).toContain('Headers: {');
  });

  it('names the cluster when it cannot be reached', async () => {
    const { ours } = await start();
    await cluster.server.stop();

    await expect(ours.readObject(configMap('c'))).rejects.toThrow(
      /^Discovery \/api on cluster "lab" failed: Cluster "lab" unreachable: /,
    );
  });
});
