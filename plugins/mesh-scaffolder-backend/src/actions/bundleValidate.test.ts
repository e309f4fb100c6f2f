import { createMockDirectory } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import fs from 'node:fs';
import path from 'node:path';
import yaml from 'yaml';
import { createMeshBundleRenderAction } from './bundleRender';
import { createMeshBundleValidateAction } from './bundleValidate';
import { BUNDLE_INDEX_FILE } from '../bundle/bundleIndex';

describe('mesh:bundle:validate', () => {
  const workspace = createMockDirectory();
  const render = createMeshBundleRenderAction();
  const validate = createMeshBundleValidateAction();

  beforeEach(async () => {
    workspace.clear();
    await render.handler(
      createMockActionContext({
        input: { spec: { cluster: { name: 'dev-cluster' } } },
        workspacePath: workspace.path,
      }),
    );
  });

  it('accepts the bundle the renderer wrote', async () => {
    const ctx = createMockActionContext({
      input: {},
      workspacePath: workspace.path,
    });

    await validate.handler(ctx);

    expect(ctx.output).toHaveBeenCalledWith('valid', true);
    expect(ctx.output).toHaveBeenCalledWith('problemCount', 0);
  });

  it('reports a broken object with its file and field path, and fails', async () => {
    // GIVEN a written bundle in which one object gained a field its schema does not have
    const index = JSON.parse(
      fs.readFileSync(path.join(workspace.path, BUNDLE_INDEX_FILE), 'utf8'),
    ).objects;
    const target =
      index.find((row: any) => row.kind === 'Namespace') ?? index[0];
    const file = path.join(workspace.path, target.file);
    const docs = yaml
      .parseAllDocuments(fs.readFileSync(file, 'utf8'))
      .map(d => d.toJS());
    const broken = docs.find(
      (d: any) => d.kind === target.kind && d.metadata.name === target.name,
    );
    broken.spec = { ...(broken.spec ?? {}), notAField: true };
    fs.writeFileSync(file, docs.map(d => yaml.stringify(d)).join('---\n'));
    const ctx = createMockActionContext({
      input: {},
      workspacePath: workspace.path,
    });

    // WHEN it is validated
    // THEN the task fails naming the file and the field
    await expect(validate.handler(ctx)).rejects.toThrow(
      new RegExp(
        `${target.file.replace(
          /[.*+?^${}()|[\]\\]/g,
          '\\$&',
        )}: .*spec\\.notAField`,
      ),
    );
    expect(ctx.output).toHaveBeenCalledWith('valid', false);
  });
});
