import { authServiceFactory } from '@backstage/backend-defaults/auth';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import { userInfoServiceFactory } from '@backstage/backend-defaults/userInfo';
import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  isPermission,
} from '@backstage/plugin-permission-common';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import {
  meshRunReadPermission,
  readMeshClusterDocument,
} from '@mesh-templates/plugin-mesh-common';
import { renderMeshBundle } from '@mesh-templates/plugin-scaffolder-backend-module-mesh';
import * as tar from 'tar';
import yaml from 'yaml';
import { backendFeatures, permissionPolicy } from './features';
import { guestToken } from './__testUtils__/guestToken';
import { runTemplateTask } from './__testUtils__/runTemplateTask';
import {
  loadRepoConfig,
  startMeshBackend,
} from './__testUtils__/startMeshBackend';
import { waitForEntity } from './__testUtils__/waitForEntity';

jest.setTimeout(180_000);

/** The demo's allow-all policy, except that a test can withhold `mesh.run.read`. */
const policy = { denyRunRead: false };
const runReadPolicy = createBackendModule({
  pluginId: 'permission',
  moduleId: 'test-run-read-policy',
  register(env) {
    env.registerInit({
      deps: { policies: policyExtensionPoint },
      async init({ policies }) {
        policies.setPolicy({
          async handle(request) {
            const deny =
              policy.denyRunRead &&
              isPermission(request.permission, meshRunReadPermission);
            return {
              result: deny ? AuthorizeResult.DENY : AuthorizeResult.ALLOW,
            };
          },
        });
      },
    });
  },
});

/** Reads a .tar.gz into path → UTF-8 content. */
async function untar(archive: Buffer): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  const parser = new tar.Parser({
    onReadEntry: entry => {
      const chunks: Buffer[] = [];
      entry.on('data', (c: Buffer) => chunks.push(c));
      entry.on('end', () => {
        files[entry.path] = Buffer.concat(chunks).toString('utf8');
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    parser.on('end', resolve);
    parser.on('error', reject);
    parser.end(archive);
  });
  return files;
}

/**
 * A first run as a new user makes it: the template as a real scaffolder task with no delivery step
 * chosen, then the task page's links followed through the mesh backend's API with real auth.
 */
describe('a template run shows what it made', () => {
  let backend: Awaited<ReturnType<typeof startMeshBackend>>;
  let baseUrl: string;
  let token: string;

  beforeAll(async () => {
    const config = (await loadRepoConfig()) as any;
    // The guest provider refuses to run outside development unless told; this is a test backend.
    config.auth.providers.guest.dangerouslyAllowOutsideDevelopment = true;
    backend = await startMeshBackend({
      config,
      features: [
        ...backendFeatures.filter(f => f !== permissionPolicy),
        runReadPolicy,
        authServiceFactory,
        httpAuthServiceFactory,
        userInfoServiceFactory,
      ],
    });
    baseUrl = `http://127.0.0.1:${backend.server.port()}`;
    token = await guestToken(baseUrl);
    await waitForEntity(
      baseUrl,
      { kind: 'Template', name: 'create-mesh-cluster' },
      { authorization: `Bearer ${token}` },
    );
  });

  afterAll(async () => {
    await backend?.stop();
  });

  it('links to the rendered files and serves them as .tar.gz, byte for byte, to the permitted owner only', async () => {
    // WHEN a cluster name is all the user fills in, and neither a pull request nor apply is chosen
    const run = await runTemplateTask({
      baseUrl,
      token,
      templateRef: 'template:default/create-mesh-cluster',
      values: {
        cluster: { name: 'newcomer-1' },
        delivery: {
          openPullRequest: false,
          applyDirectly: false,
          waitForReady: true,
        },
      },
    });
    expect({
      status: run.status,
      log: run.status === 'completed' ? [] : run.log,
    }).toEqual({
      status: 'completed',
      log: [],
    });

    // THEN the task page links to the run's files and its download
    const links = run.output.links as Array<{ title: string; url: string }>;
    const files = links.find(l => l.title === 'Rendered files')!;
    expect(files.url).toMatch(/^\/mesh\/runs\/[0-9a-f-]{36}$/);
    expect(links).toContainEqual(
      expect.objectContaining({
        title: 'Download bundle (.tar.gz)',
        url: `${files.url}?download=bundle`,
      }),
    );
    // (no pull request: its link has no url, which the task page leaves out)
    expect(
      links.find(l => l.title === 'GitOps pull request')?.url,
    ).toBeUndefined();
    // AND says plainly that nothing was delivered, with the three ways on, in the text the task
    // page opens (the first whose default is true)
    const texts = run.output.text as Array<{
      title: string;
      content?: string;
      default?: boolean;
    }>;
    expect(texts.find(t => t.default)?.title).toBe(
      'No pull request, nothing applied',
    );
    const nextSteps = texts.find(
      t => t.title === 'No pull request, nothing applied',
    )!.content!;
    expect(nextSteps).toContain(
      'No pull request was opened and nothing was applied',
    );
    expect(nextSteps).toContain(
      `[Download the bundle](${files.url}?download=bundle)`,
    );
    expect(nextSteps).toContain('Open a pull request on the GitOps repository');
    expect(nextSteps).toContain(
      'npx mesh-bundle render --spec clusters/newcomer-1/mesh-cluster.yaml --out out/',
    );
    // AND the log reports each cluster
    expect(run.log).toContainEqual(
      expect.stringMatching(/info.*: Cluster newcomer-1: \d+ objects/),
    );

    // WHEN the bundle is downloaded through the API with the user's Backstage token
    const taskId = files.url.split('/').pop()!;
    const archiveUrl = `${baseUrl}/api/mesh/runs/${taskId}/bundle.tar.gz`;
    const download = await fetch(archiveUrl, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(download.status).toBe(200);
    const archive = await untar(Buffer.from(await download.arrayBuffer()));

    // THEN it holds exactly the files render wrote for the run's spec, byte for byte: the spec
    // document the next steps point at renders the archive again
    const spec = readMeshClusterDocument(
      yaml.parse(archive['clusters/newcomer-1/mesh-cluster.yaml']),
    );
    expect(spec.cluster.name).toBe('newcomer-1');
    const rendered = renderMeshBundle(spec).files;
    expect(Object.keys(archive).sort()).toEqual(
      rendered.map(f => f.path).sort(),
    );
    for (const file of rendered) {
      expect(archive[file.path]).toBe(file.content);
    }

    // AND a request without auth is refused
    expect((await fetch(archiveUrl)).status).toBe(401);
    // AND so is one from a user the policy does not grant mesh.run.read
    policy.denyRunRead = true;
    try {
      const denied = await fetch(archiveUrl, {
        headers: { Authorization: `Bearer ${token}` },
      });
      expect(denied.status).toBe(403);
      expect(await denied.text()).toContain('mesh.run.read');
    } finally {
      policy.denyRunRead = false;
    }
  });
});
