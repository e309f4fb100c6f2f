import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { createMeshUpgradePlanAction } from './upgradePlan';

const spec = {
  cluster: { name: 'east-1' },
  istio: {
    version: '1.30.3',
    revision: '1-30-3',
    revisionTags: ['prod'],
    injectionNamespaces: ['shop', 'payments'],
  },
};

describe('mesh:upgrade:plan', () => {
  const action = createMeshUpgradePlanAction();

  it('outputs the spec after canary, with the new revision recorded', async () => {
    const ctx = createMockActionContext({
      input: { spec, to: '1.31.0', stage: 'canary' as const },
    });
    await action.handler(ctx);
    expect(ctx.output).toHaveBeenCalledWith(
      'spec',
      expect.objectContaining({
        istio: expect.objectContaining({
          version: '1.30.3',
          upgrade: {
            toVersion: '1.31.0',
            toRevision: '1-31-0',
            stage: 'canary',
            canaryTag: 'canary',
            movedNamespaces: [],
          },
        }),
      }),
    );
  });

  it('moves only the chosen namespaces and notes their restarts', async () => {
    const canary = createMockActionContext({
      input: { spec, to: '1.31.0', stage: 'canary' as const },
    });
    await action.handler(canary);
    const canarySpec = (canary.output as jest.Mock).mock.calls.find(
      ([name]) => name === 'spec',
    )[1];
    const ctx = createMockActionContext({
      input: {
        spec: canarySpec,
        to: '1.31.0',
        stage: 'move' as const,
        namespaces: ['payments'],
      },
    });
    await action.handler(ctx);
    expect(ctx.output).toHaveBeenCalledWith('notes', [
      'namespace payments now follows tag canary: its workloads move to 1-31-0 only when restarted (kubectl rollout restart deployment,statefulset,daemonset -n payments)',
    ]);
  });

  it('fails with the precheck reasons for an unsupported path', async () => {
    const ctx = createMockActionContext({
      input: {
        spec: { ...spec, istio: { ...spec.istio, version: '1.17.8' } },
        to: '1.31.0',
        stage: 'canary' as const,
      },
    });
    await expect(action.handler(ctx)).rejects.toThrow(
      /Istio upgrade canary to 1\.31\.0 refused:\n1\.17\.8 → 1\.31\.0 skips 13 minor releases/,
    );
    expect(ctx.output).not.toHaveBeenCalled();
  });

  it('fails naming the field for an invalid spec', async () => {
    const ctx = createMockActionContext({
      input: {
        spec: { istio: { version: 'latest' } },
        to: '1.31.0',
        stage: 'precheck' as const,
      },
    });
    await expect(action.handler(ctx)).rejects.toThrow(/istio\.version/);
  });
});
