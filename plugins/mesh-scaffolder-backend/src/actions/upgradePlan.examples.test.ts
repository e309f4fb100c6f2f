import { createMockDirectory } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import yaml from 'yaml';
import { createMeshBundleRenderAction } from './bundleRender';
import { createMeshUpgradePlanAction } from './upgradePlan';
import { examples } from './upgradePlan.examples';

describe('mesh:upgrade:plan examples', () => {
  const workspace = createMockDirectory();
  const plan = createMeshUpgradePlanAction();
  const render = createMeshBundleRenderAction();

  beforeEach(() => workspace.clear());

  it.each(examples.map(e => [e.description, e] as const))(
    '%s',
    async (_, example) => {
      const steps = yaml.parse(example.example).steps;
      const planStep = steps.find((s: any) => s.action === plan.id);
      const ctx = createMockActionContext({ input: planStep.input });
      await plan.handler(ctx);
      const output = Object.fromEntries(
        (ctx.output as jest.Mock).mock.calls as [string, unknown][],
      );
      expect(output.notes).toEqual(
        expect.arrayContaining([expect.any(String)]),
      );
      const renderStep = steps.find((s: any) => s.action === render.id);
      if (!renderStep) return;
      // The render step takes the plan's spec output (the template expression resolved here).
      const renderCtx = createMockActionContext({
        input: { ...renderStep.input, spec: output.spec },
        workspacePath: workspace.path,
      });
      await render.handler(renderCtx);
      expect(workspace.content()).toHaveProperty([
        'clusters',
        'east-1',
        'istio',
        'values',
        'istiod-1-31-0.yaml',
      ]);
    },
  );
});
