import { createMockDirectory } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import yaml from 'yaml';
import { createMeshBundleRenderAction } from './bundleRender';
import { createMeshBundleValidateAction } from './bundleValidate';
import { examples } from './bundleValidate.examples';

describe('mesh:bundle:validate examples', () => {
  const workspace = createMockDirectory();
  const render = createMeshBundleRenderAction();
  const validate = createMeshBundleValidateAction();

  beforeEach(() => workspace.clear());

  it.each(examples.map(e => [e.description, e] as const))(
    '%s',
    async (_, example) => {
      const steps = yaml.parse(example.example).steps;
      const renderStep = steps.find((s: any) => s.action === render.id);
      const validateStep = steps.find((s: any) => s.action === validate.id);
      // A validate-only example checks what an earlier render step wrote to its sourcePath.
      await render.handler(
        createMockActionContext({
          input: renderStep?.input ?? {
            spec: { cluster: { name: 'dev-cluster' } },
            outputPath: validateStep.input?.sourcePath,
          },
          workspacePath: workspace.path,
        }),
      );
      const ctx = createMockActionContext({
        input: validateStep.input ?? {},
        workspacePath: workspace.path,
      });

      await validate.handler(ctx);

      expect(ctx.output).toHaveBeenCalledWith('valid', true);
      expect(ctx.output).toHaveBeenCalledWith('problemCount', 0);
    },
  );
});
