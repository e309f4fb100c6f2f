import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import {
  MeshRunUpload,
  parseMeshClusterSpec,
} from '@mesh-templates/plugin-mesh-common';
import fs from 'node:fs';
import path from 'node:path';
import yaml from 'yaml';
import { runMeshBundleCli } from '../cli/meshBundleCli';
import { createMeshBundleRenderAction } from './bundleRender';
import { assertNoCredentials, renderCliCommand } from './bundleRenderRunOutput';
import { RunBundleStore } from './bundleRenderRunStore';

function outputs(ctx: { output: unknown }): Record<string, any> {
  return Object.fromEntries((ctx.output as jest.Mock).mock.calls);
}

function recordingStore(): RunBundleStore & { uploads: MeshRunUpload[] } {
  const uploads: MeshRunUpload[] = [];
  return {
    uploads,
    async store(upload) {
      uploads.push(upload);
    },
  };
}

describe('mesh:bundle:render keeps the run for the task page', () => {
  const workspace = createMockDirectory();
  beforeEach(() => workspace.clear());

  // The mock context takes neither isDryRun nor a logger it can assert on; both are set here.
  const context = (extra: { isDryRun?: boolean } = {}) => ({
    ...createMockActionContext({
      input: { spec: { cluster: { name: 'newcomer-1' } } },
      workspacePath: workspace.path,
      task: { id: 'task-42' },
      user: { ref: 'user:default/guest' },
    }),
    logger: mockServices.logger.mock(),
    ...extra,
  });

  it('hands the run store exactly the files it wrote, and links to them', async () => {
    // GIVEN a run store
    const store = recordingStore();
    const ctx = context();

    // WHEN a real run renders
    await createMeshBundleRenderAction({ runStore: store }).handler(ctx);

    // THEN the store got every written file with its exact bytes, keyed by the task
    expect(store.uploads).toHaveLength(1);
    const [upload] = store.uploads;
    expect(upload).toMatchObject({
      taskId: 'task-42',
      createdBy: 'user:default/guest',
      clusters: ['newcomer-1'],
    });
    const out = outputs(ctx);
    expect(upload.files.map(f => f.path)).toEqual(out.files);
    for (const file of upload.files) {
      expect(
        fs.readFileSync(path.join(workspace.path, file.path), 'utf8'),
      ).toBe(file.content);
    }
    // AND the outputs link to the run's page and its download
    expect(out.runUrl).toBe('/mesh/runs/task-42');
    expect(out.downloadUrl).toBe('/mesh/runs/task-42?download=bundle');
    expect(out.nextSteps).toContain(
      '[Download the bundle](/mesh/runs/task-42?download=bundle)',
    );
    // AND the log has one line per cluster
    expect(ctx.logger.info).toHaveBeenCalledWith(
      expect.stringMatching(/^Cluster newcomer-1: \d+ objects \(/),
    );
  });

  it('gives a spec document and a CLI command that render the same bundle', async () => {
    const ctx = context();
    await createMeshBundleRenderAction({ runStore: recordingStore() }).handler(
      ctx,
    );
    const { specDocument, nextSteps, files } = outputs(ctx);

    // The document is the spec with its defaults, and the panel carries it whole
    expect(parseMeshClusterSpec(yaml.parse(specDocument))).toEqual(
      parseMeshClusterSpec({ cluster: { name: 'newcomer-1' } }),
    );
    expect(nextSteps).toContain(renderCliCommand);
    expect(nextSteps).toContain(specDocument.trimEnd());

    // WHEN the CLI runs the command from the panel on that document
    const cliDir = path.join(workspace.path, 'cli');
    fs.mkdirSync(cliDir);
    fs.writeFileSync(path.join(cliDir, 'mesh-spec.yaml'), specDocument);
    const [, , ...args] = renderCliCommand.split(' ');
    const code = await runMeshBundleCli(
      args.map(a =>
        a === 'mesh-spec.yaml' || a === 'out/' ? path.join(cliDir, a) : a,
      ),
      { out: () => {}, err: () => {} },
    );

    // THEN it writes the same files, byte for byte
    expect(code).toBe(0);
    for (const file of files as string[]) {
      expect(fs.readFileSync(path.join(cliDir, 'out', file), 'utf8')).toBe(
        fs.readFileSync(path.join(workspace.path, file), 'utf8'),
      );
    }
  });

  it('keeps nothing in a dry-run', async () => {
    const store = recordingStore();
    const ctx = context({ isDryRun: true });
    await createMeshBundleRenderAction({ runStore: store }).handler(ctx);
    expect(store.uploads).toEqual([]);
    expect(outputs(ctx).runUrl).toBeUndefined();
  });

  it('finishes without links when the store fails, saying why in the log', async () => {
    const ctx = context();
    await createMeshBundleRenderAction({
      runStore: {
        store: async () => {
          throw new Error('mesh backend unavailable');
        },
      },
    }).handler(ctx);
    const out = outputs(ctx);
    expect(out.runUrl).toBeUndefined();
    expect(out.downloadUrl).toBeUndefined();
    expect(out.nextSteps).toContain('this run could not keep a copy');
    expect(ctx.logger.warn).toHaveBeenCalledWith(
      'The bundle could not be kept for the task page: mesh backend unavailable',
    );
  });

  it('refuses a bundle with credential-like content, naming file and line only', () => {
    const bundle = {
      clusters: ['c'],
      objects: [],
      helmValues: [],
      index: [],
      files: [
        { path: 'clusters/c/ok.yaml', content: 'a: 1\n' },
        {
          path: 'clusters/c/leak.yaml',
          content: 'a: 1\nkey: -----BEGIN PRIVATE KEY-----\n',
        },
      ],
    };
    expect(() => assertNoCredentials(bundle as any)).toThrow(
      'The rendered bundle holds credential-like content, so it is neither written nor kept:\nclusters/c/leak.yaml:2: a PEM private key',
    );
  });
});
