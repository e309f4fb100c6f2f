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
import { assertNoCredentials } from './bundleRenderRunOutput';
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

  /** Runs a `npx mesh-bundle ...` command from the panel as if typed in `dir`. */
  async function runCommandIn(dir: string, command: string): Promise<number> {
    const [npx, bin, ...args] = command.split(' ');
    expect([npx, bin]).toEqual(['npx', 'mesh-bundle']);
    const inDir = args.map((arg, i) =>
      ['--spec', '--out'].includes(args[i - 1]) ? path.join(dir, arg) : arg,
    );
    return runMeshBundleCli(inDir, { out: () => {}, err: () => {} });
  }

  /** Every file the action wrote is in `dir` with the same bytes. */
  function expectSameFiles(files: string[], dir: string) {
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      expect(fs.readFileSync(path.join(dir, file), 'utf8')).toBe(
        fs.readFileSync(path.join(workspace.path, file), 'utf8'),
      );
    }
  }

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

  it('points the CLI at the spec document in the download, which renders the same bundle', async () => {
    // GIVEN a kept run (so the task page offers the download)
    const store = recordingStore();
    const ctx = context();
    await createMeshBundleRenderAction({ runStore: store }).handler(ctx);
    const { specDocument, nextSteps, files } = outputs(ctx);

    // The specDocument output is still the spec with its defaults
    expect(parseMeshClusterSpec(yaml.parse(specDocument))).toEqual(
      parseMeshClusterSpec({ cluster: { name: 'newcomer-1' } }),
    );
    // THEN the panel names the cluster folder's spec document, and carries no copy of it
    const command =
      'npx mesh-bundle render --spec clusters/newcomer-1/mesh-cluster.yaml --out out/';
    expect(nextSteps).toContain(
      `3. Render the same bundle with the CLI from its spec document, \`clusters/newcomer-1/mesh-cluster.yaml\` in the download: in the folder you unpacked it into, run \`${command}\`.`,
    );
    expect(nextSteps).not.toContain('```yaml');

    // WHEN the command runs in a folder holding exactly what the download holds (the stored files)
    const unpacked = path.join(workspace.path, 'unpacked');
    for (const file of store.uploads[0].files) {
      fs.mkdirSync(path.dirname(path.join(unpacked, file.path)), {
        recursive: true,
      });
      fs.writeFileSync(path.join(unpacked, file.path), file.content);
    }
    const code = await runCommandIn(unpacked, command);

    // THEN it writes the same files, byte for byte
    expect(code).toBe(0);
    expectSameFiles(files, path.join(unpacked, 'out'));
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
    // AND, with no download to point at, the panel carries the spec document itself
    const command =
      'npx mesh-bundle render --spec mesh-cluster.yaml --out out/';
    expect(out.nextSteps).toContain(
      `save the spec document below as \`mesh-cluster.yaml\` and run \`${command}\``,
    );
    const document = /```yaml\n([\s\S]*)\n```$/.exec(out.nextSteps)![1];
    expect(`${document}\n`).toBe(
      fs.readFileSync(
        path.join(workspace.path, 'clusters/newcomer-1/mesh-cluster.yaml'),
        'utf8',
      ),
    );
    const saved = path.join(workspace.path, 'saved');
    fs.mkdirSync(saved);
    fs.writeFileSync(path.join(saved, 'mesh-cluster.yaml'), `${document}\n`);
    expect(await runCommandIn(saved, command)).toBe(0);
    expectSameFiles(out.files, path.join(saved, 'out'));
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
