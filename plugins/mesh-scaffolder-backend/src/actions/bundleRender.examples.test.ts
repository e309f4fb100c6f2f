import { createMockDirectory } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import fs from 'node:fs';
import path from 'node:path';
import yaml from 'yaml';
import { createMeshBundleRenderAction } from './bundleRender';
import { examples } from './bundleRender.examples';
import { BUNDLE_INDEX_FILE } from '../bundle/bundleIndex';

describe('mesh:bundle:render examples', () => {
  const workspace = createMockDirectory();
  const action = createMeshBundleRenderAction();

  beforeEach(() => workspace.clear());

  it.each(examples.map(e => [e.description, e] as const))(
    '%s',
    async (_, example) => {
      const step = yaml.parse(example.example).steps[0];
      expect(step.action).toBe(action.id);
      const ctx = createMockActionContext({
        input: step.input,
        workspacePath: workspace.path,
      });

      await action.handler(ctx);

      const outputDir = path.join(workspace.path, step.input.outputPath ?? '.');
      expect(fs.existsSync(path.join(outputDir, BUNDLE_INDEX_FILE))).toBe(true);
      const clusterName = step.input.spec.cluster.name;
      expect(ctx.output).toHaveBeenCalledWith('clusters', [clusterName]);
    },
  );
});
