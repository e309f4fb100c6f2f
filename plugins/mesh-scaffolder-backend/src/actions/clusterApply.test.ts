import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import { InputError, NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { meshClusterApplyPermission } from '../apply/permissions';
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
import { isWriteOf } from '../apply/__testUtils__/contractFaults';
import { createMemoryCheckpoint } from '../gitops/__testUtils__/memoryCheckpoint';
import { revisionLabels } from '../render/revisionLabels';
import { createMeshClusterApplyAction } from './clusterApply';

describe('mesh:cluster:apply', () => {
  const mockDir = createMockDirectory();
  let clusters: ContractCluster[];

  beforeEach(async () => {
    mockDir.clear();
    clusters = await startContractClusters(['lab']);
    await writeHandMadeBundle(mockDir.path, {
      lab: [namespace('mesh-demo'), deployment('web', 'mesh-demo')],
    });
  });
  afterEach(async () => {
    await Promise.all(clusters.map(c => c.server.stop()));
  });

  const context = (
    input: { clusters: string[]; removeRevision?: string },
    extra: { isDryRun?: boolean } = {},
  ) => {
    const logger = mockServices.logger.mock();
    const ctx = {
      ...createMockActionContext({
        input,
        workspacePath: mockDir.path,
        logger,
      }),
      ...extra,
    };
    return {
      ctx,
      logger,
      logged: () => logger.info.mock.calls.map(c => String(c[0])).join('\n'),
    };
  };

  it('refuses without the permission and sends nothing to the cluster', async () => {
    // GIVEN a policy that denies mesh.cluster.apply
    const permissions = mockServices.permissions.mock({
      authorize: jest.fn(async () => [{ result: AuthorizeResult.DENY }]),
    });
    const action = createMeshClusterApplyAction({
      config: kubernetesConfigFor(clusters),
      permissions,
    });
    const { ctx } = context({ clusters: ['lab'] });

    // WHEN the action runs
    const run = action.handler(ctx as any);

    // THEN it fails with NotAllowedError naming the permission, having checked the task's user
    await expect(run).rejects.toThrow(NotAllowedError);
    await expect(run).rejects.toThrow(/mesh\.cluster\.apply/);
    expect(permissions.authorize).toHaveBeenCalledWith(
      [
        {
          permission: meshClusterApplyPermission,
          resourceRef: 'resource:default/lab',
        },
      ],
      { credentials: await ctx.getInitiatorCredentials() },
    );
    expect(clusters[0].server.requests).toEqual([]);
    expect(ctx.output).not.toHaveBeenCalled();
  });

  it('refuses under the mock permission service set to DENY', async () => {
    const action = createMeshClusterApplyAction({
      config: kubernetesConfigFor(clusters),
      permissions: mockServices.permissions({ result: AuthorizeResult.DENY }),
    });
    await expect(
      action.handler(context({ clusters: ['lab'] }).ctx as any),
    ).rejects.toThrow(NotAllowedError);
    expect(clusters[0].server.requests).toEqual([]);
  });

  it('applies when allowed and outputs a result per object', async () => {
    const action = createMeshClusterApplyAction({
      config: kubernetesConfigFor(clusters),
      permissions: mockServices.permissions({ result: AuthorizeResult.ALLOW }),
    });
    const { ctx, logged } = context({ clusters: ['lab'] });

    await action.handler(ctx as any);

    expect(ctx.output).toHaveBeenCalledWith('results', [
      expect.objectContaining({
        cluster: 'lab',
        kind: 'Namespace',
        name: 'mesh-demo',
        outcome: 'created',
      }),
      expect.objectContaining({
        cluster: 'lab',
        kind: 'Deployment',
        namespace: 'mesh-demo',
        name: 'web',
        outcome: 'created',
      }),
    ]);
    expect(ctx.output).toHaveBeenCalledWith('summary', 'lab: 2 created');
    expect(logged()).toContain('lab: created Deployment mesh-demo/web');
    expect(
      clusters[0].server.getObject('apps/v1', 'Deployment', 'web', 'mesh-demo'),
    ).toBeDefined();
  });

  it('lists what would be applied where in the template editor dry-run, without any request', async () => {
    const action = createMeshClusterApplyAction({
      config: kubernetesConfigFor(clusters),
      permissions: mockServices.permissions({ result: AuthorizeResult.ALLOW }),
    });
    const { ctx, logged } = context({ clusters: ['lab'] }, { isDryRun: true });

    await action.handler(ctx as any);

    expect(clusters[0].server.requests).toEqual([]);
    expect(logged()).toContain('lab: would apply 2 objects');
    expect(logged()).toContain(
      'tier 1 (CRDs and namespaces): Namespace mesh-demo',
    );
    expect(logged()).toContain(
      'tier 3 (namespaced objects): Deployment mesh-demo/web',
    );
    expect(logged()).toContain(`to ${clusters[0].server.url}`);
    expect(ctx.output).toHaveBeenCalledWith(
      'summary',
      `lab: 2 objects would be applied to ${clusters[0].server.url}`,
    );
  });

  it('still lists the plan in a dry-run when the cluster is not configured, saying a real run stops', async () => {
    // GIVEN no kubernetes.clusterLocatorMethods entry for the cluster, as in the demo app
    const action = createMeshClusterApplyAction({
      config: kubernetesConfigFor([]),
      permissions: mockServices.permissions({ result: AuthorizeResult.ALLOW }),
    });
    const { ctx, logger, logged } = context(
      { clusters: ['lab'] },
      { isDryRun: true },
    );

    // WHEN the template editor dry-runs the step
    await action.handler(ctx as any);

    // THEN the plan is there, the missing entry is named, and nothing was sent
    expect(logged()).toContain('lab: would apply 2 objects');
    expect(String(logger.warn.mock.calls[0][0])).toMatch(
      /lab.*a real run stops here/,
    );
    expect(ctx.output).toHaveBeenCalledWith(
      'summary',
      'lab: 2 objects would be applied to lab (not configured in kubernetes.clusterLocatorMethods)',
    );
    expect(clusters[0].server.requests).toEqual([]);
  });

  it('fails naming each failed object and reason, after outputting the results', async () => {
    await writeHandMadeBundle(mockDir.path, {
      lab: [
        namespace('mesh-demo'),
        { ...deployment('web', 'mesh-demo'), spec: { template: {} } },
      ],
    });
    const action = createMeshClusterApplyAction({
      config: kubernetesConfigFor(clusters),
      permissions: mockServices.permissions({ result: AuthorizeResult.ALLOW }),
    });
    const { ctx } = context({ clusters: ['lab'] });

    await expect(action.handler(ctx as any)).rejects.toThrow(
      /lab: Deployment mesh-demo\/web: server dry-run: Invalid: .*spec\.selector: Required value/,
    );
    // The Deployment's namespace comes with the bundle, so its dry-run can only run once tier 0
    // (the namespace) exists; nothing past tier 0 is written.
    expect(ctx.output).toHaveBeenCalledWith(
      'summary',
      'lab: 1 created, 1 failed',
    );
    expect(clusters[0].server.writes).toEqual(['namespaces//mesh-demo']);
  });

  it('rejects a cluster that is not in the kubernetes config, naming the configured ones', async () => {
    const action = createMeshClusterApplyAction({
      config: kubernetesConfigFor(clusters),
      permissions: mockServices.permissions({ result: AuthorizeResult.ALLOW }),
    });
    await expect(
      action.handler(context({ clusters: ['prod'] }).ctx as any),
    ).rejects.toThrow(
      'Cluster "prod" is not in kubernetes.clusterLocatorMethods (type: config); configured clusters: lab',
    );
  });

  it('is keyed by the cluster entity: a policy allowing cluster-lab and denying cluster-prod', async () => {
    // GIVEN two configured clusters with a tree each, and a policy that decides per cluster entity
    await Promise.all(clusters.map(c => c.server.stop()));
    clusters = await startContractClusters(['cluster-lab', 'cluster-prod']);
    const [lab, prod] = clusters;
    await writeHandMadeBundle(mockDir.path, {
      'cluster-lab': [namespace('mesh-demo')],
      'cluster-prod': [namespace('mesh-demo')],
    });
    const permissions = mockServices.permissions.mock({
      authorize: jest.fn(async requests =>
        requests.map((r: { resourceRef?: string }) => ({
          result:
            'resourceRef' in r &&
            r.resourceRef === 'resource:default/cluster-lab'
              ? AuthorizeResult.ALLOW
              : AuthorizeResult.DENY,
        })),
      ) as any,
    });
    const action = createMeshClusterApplyAction({
      config: kubernetesConfigFor(clusters),
      permissions,
    });

    // WHEN the template picks cluster-lab from the catalog, THEN the bundle is applied there
    await action.handler(
      context({ clusters: ['resource:default/cluster-lab'] }).ctx as any,
    );
    expect(lab.server.writes).toEqual(['namespaces//mesh-demo']);

    // WHEN it picks cluster-prod, alone or beside cluster-lab, THEN it is refused by name and
    // no request reaches cluster-prod (nor, in the mixed run, cluster-lab again)
    const labRequests = lab.server.requests.length;
    for (const picked of [
      ['resource:default/cluster-prod'],
      ['cluster-lab', 'resource:default/cluster-prod'],
    ]) {
      await expect(
        action.handler(context({ clusters: picked }).ctx as any),
      ).rejects.toThrow(
        /not allowed to apply mesh bundles to resource:default\/cluster-prod \(permission mesh\.cluster\.apply\)/,
      );
    }
    expect(prod.server.requests).toEqual([]);
    expect(lab.server.requests).toHaveLength(labRequests);
  });

  it('applies only kinds of the kind catalog: anything else in the index fails before any write', async () => {
    await writeHandMadeBundle(mockDir.path, {
      lab: [
        namespace('mesh-demo'),
        {
          apiVersion: 'example.io/v1',
          kind: 'Backdoor',
          metadata: { name: 'x', namespace: 'mesh-demo' },
        },
      ],
    });
    const action = createMeshClusterApplyAction({
      config: kubernetesConfigFor(clusters),
      permissions: mockServices.permissions({ result: AuthorizeResult.ALLOW }),
    });
    await expect(
      action.handler(context({ clusters: ['lab'] }).ctx as any),
    ).rejects.toThrow(
      /Backdoor mesh-demo\/x: example\.io\/v1 Backdoor is not a kind mesh bundles render/,
    );
    expect(clusters[0].server.writes).toEqual([]);
  });

  it('a failed apply fails its checkpoint, so a task retry applies again instead of replaying the failure', async () => {
    // GIVEN a server that answers 503 to every write of the Deployment, and the scaffolder's
    // checkpoint semantics (a stored success is replayed, a failure runs again)
    const { checkpoint, values } = createMemoryCheckpoint();
    const { server } = clusters[0];
    server.faults = r =>
      isWriteOf(r, '/deployments/web')
        ? { kind: 'status', code: 503 }
        : undefined;
    const action = createMeshClusterApplyAction({
      config: kubernetesConfigFor(clusters),
      permissions: mockServices.permissions({ result: AuthorizeResult.ALLOW }),
    });
    const attempt = () => {
      const { ctx } = context({ clusters: ['lab'] });
      return action.handler({ ...ctx, checkpoint } as any);
    };

    // WHEN the step fails, THEN nothing is stored as done
    await expect(attempt()).rejects.toThrow(/Deployment mesh-demo\/web/);
    expect([...values.keys()]).toEqual([]);

    // WHEN the task is retried once the server recovers, THEN the Deployment is applied
    server.faults = undefined;
    await attempt();
    expect(
      server.getObject('apps/v1', 'Deployment', 'web', 'mesh-demo'),
    ).toBeDefined();
  });

  describe('removeRevision', () => {
    const allow = () =>
      createMeshClusterApplyAction({
        config: kubernetesConfigFor(clusters),
        permissions: mockServices.permissions({
          result: AuthorizeResult.ALLOW,
        }),
      });

    it('is gated by the apply permission: denied, nothing is listed or deleted', async () => {
      const action = createMeshClusterApplyAction({
        config: kubernetesConfigFor(clusters),
        permissions: mockServices.permissions({ result: AuthorizeResult.DENY }),
      });
      const { ctx } = context({ clusters: ['lab'], removeRevision: '1-30-3' });
      await expect(action.handler(ctx as any)).rejects.toThrow(NotAllowedError);
      expect(clusters[0].server.requests).toEqual([]);
    });

    it('refuses a bundle that still installs the revision, naming the input', async () => {
      await writeHandMadeBundle(mockDir.path, {
        lab: [
          {
            ...namespace('shop'),
            metadata: { name: 'shop', labels: revisionLabels('1-30-3') },
          },
        ],
      });
      const { ctx } = context({ clusters: ['lab'], removeRevision: '1-30-3' });
      const run = allow().handler(ctx as any);
      await expect(run).rejects.toThrow(InputError);
      await expect(run).rejects.toThrow(
        /^removeRevision: the bundle of cluster "lab" still installs revision 1-30-3 \(Namespace shop\)/,
      );
      expect(clusters[0].server.requests).toEqual([]);
    });

    it('says in the template editor dry-run which labels a real run deletes, without any request', async () => {
      const { ctx, logged } = context(
        { clusters: ['lab'], removeRevision: '1-30-3' },
        { isDryRun: true },
      );
      await allow().handler(ctx as any);
      expect(logged()).toContain(
        'then would delete the objects labelled app.kubernetes.io/managed-by=mesh-templates,istio.io/rev=1-30-3 (listed on the cluster by a real run)',
      );
      expect(clusters[0].server.requests).toEqual([]);
    });
  });
});
