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

  describe('with the committed spec a change starts from', () => {
    const committed = {
      cluster: { name: 'dev-cluster' },
      istio: { version: '1.30.2' },
    };
    const outputOf = (ctx: { output: unknown }, key: string) =>
      (ctx.output as jest.Mock).mock.calls.find(([k]) => k === key)?.[1];

    it('says what changes: the spec fields, the objects and Helm values they change', async () => {
      // GIVEN a change of the Istio patch release and the scrape interval
      const ctx = createMockActionContext({
        input: {
          spec: {
            cluster: { name: 'dev-cluster' },
            istio: { version: '1.30.3' },
            observability: { prometheus: { scrapeInterval: '30s' } },
          },
          previousSpec: committed,
        },
        workspacePath: workspace.path,
        isDryRun: true,
      });
      // WHEN the action renders it
      await action.handler(ctx);
      // THEN whatChanges names those fields first and the objects they change
      const whatChanges: string = outputOf(ctx, 'whatChanges');
      expect(whatChanges.split('\n')).toEqual(
        expect.arrayContaining([
          '### What changes',
          '- `istio.version`: `1.30.2` → `1.30.3`',
          '- `observability.prometheus.scrapeInterval`: `15s` → `30s`',
          '- ServiceMonitor `istio-system/istio-component-monitor`: `spec.endpoints[0].interval`',
          '- `istiod`: `global.tag`',
        ]),
      );
    });

    it('reports an unchanged spec as nothing to change, and leaves whatChanges out without one', async () => {
      const same = createMockActionContext({
        input: { spec: committed, previousSpec: committed },
        workspacePath: workspace.path,
      });
      await action.handler(same);
      expect(outputOf(same, 'whatChanges')).toContain(
        'Nothing: the base branch already holds exactly these files.',
      );
      workspace.clear();
      const create = createMockActionContext({
        input: { spec: committed },
        workspacePath: workspace.path,
      });
      await action.handler(create);
      expect(outputOf(create, 'whatChanges')).toBeUndefined();
    });

    it('refuses a previous spec of another cluster', async () => {
      const ctx = createMockActionContext({
        input: {
          spec: committed,
          previousSpec: { cluster: { name: 'other-cluster' } },
        },
        workspacePath: workspace.path,
      });
      await expect(action.handler(ctx)).rejects.toThrow(
        /previousSpec: .*"other-cluster"/,
      );
    });
  });
});
