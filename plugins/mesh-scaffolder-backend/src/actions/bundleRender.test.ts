import { createMockDirectory } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import fs from 'node:fs';
import path from 'node:path';
import { createMeshBundleRenderAction } from './bundleRender';
import { BUNDLE_INDEX_FILE } from '../bundle/bundleIndex';

describe('mesh:bundle:render', () => {
  const workspace = createMockDirectory();
  const action = createMeshBundleRenderAction();

  beforeEach(() => workspace.clear());

  it('writes the bundle of a default single-cluster spec and reports it', async () => {
    // GIVEN only a cluster name
    const ctx = createMockActionContext({
      input: { spec: { cluster: { name: 'dev-cluster' } } },
      workspacePath: workspace.path,
    });

    // WHEN the action runs
    await action.handler(ctx);

    // THEN every reported file exists in the workspace, and the index names real files
    const files = (ctx.output as jest.Mock).mock.calls.find(
      ([k]) => k === 'files',
    )[1] as string[];
    expect(files).toContain(BUNDLE_INDEX_FILE);
    expect(files.some(f => f.startsWith('clusters/dev-cluster/'))).toBe(true);
    for (const file of files) {
      expect(fs.existsSync(path.join(workspace.path, file))).toBe(true);
    }
    const index = (ctx.output as jest.Mock).mock.calls.find(
      ([k]) => k === 'index',
    )[1];
    expect(index.length).toBeGreaterThan(0);
    for (const row of index) expect(files).toContain(row.file);
    expect(ctx.output).toHaveBeenCalledWith('clusters', ['dev-cluster']);
    expect(ctx.output).toHaveBeenCalledWith('objectCount', index.length);
  });

  it('rejects an invalid spec naming the field and writes nothing', async () => {
    const ctx = createMockActionContext({
      input: {
        spec: {
          cluster: { name: 'Not_A_DNS_Label' },
          istio: { version: '1.9.0' },
        },
      },
      workspacePath: workspace.path,
    });

    await expect(action.handler(ctx)).rejects.toThrow(
      /cluster\.name: .*\n.*istio\.version: /s,
    );
    expect(fs.readdirSync(workspace.path)).toEqual([]);
  });

  it('refuses an output path outside the workspace', async () => {
    const ctx = createMockActionContext({
      input: {
        spec: { cluster: { name: 'dev-cluster' } },
        outputPath: '../outside',
      },
      workspacePath: workspace.path,
    });

    await expect(action.handler(ctx)).rejects.toThrow(/outside/i);
    expect(fs.existsSync(path.join(workspace.path, '..', 'outside'))).toBe(
      false,
    );
  });
});
