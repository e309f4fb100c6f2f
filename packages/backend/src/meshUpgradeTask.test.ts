import { parseMeshClusterSpec } from '@mesh-templates/plugin-mesh-common';
import {
  MeshFixture,
  startMeshFixture,
  upgradeClusters,
} from '@mesh-templates/plugin-mesh-backend/testing';
import fs from 'node:fs';
import path from 'node:path';
import yaml from 'yaml';
import { runTemplateTask } from './__testUtils__/runTemplateTask';
import { repoRoot } from './__testUtils__/startMeshBackend';
import {
  expectCompleted,
  startTemplateBackend,
  TemplateBackend,
} from './__testUtils__/startTemplateBackend';
import { waitForEntity } from './__testUtils__/waitForEntity';

jest.setTimeout(240_000);

const readRepoYaml = (file: string) =>
  yaml.parse(fs.readFileSync(path.join(repoRoot, file), 'utf8'));

const template = readRepoYaml('templates/upgrade-istio/template.yaml');
/** The example 3-cluster mesh, as GET /api/mesh/spec hands it to "Upgrade Istio": parsed whole. */
const exampleMesh = JSON.parse(
  JSON.stringify(
    parseMeshClusterSpec(
      readRepoYaml('examples/specs/multi-primary-3-clusters.yaml'),
    ),
  ),
);

/** A committed single-cluster spec at stage move of 1.30.3 → 1.31.0, named like a fixture cluster. */
const movedSpec = (cluster: string) =>
  JSON.parse(
    JSON.stringify(
      parseMeshClusterSpec({
        cluster: { name: cluster },
        istio: {
          version: '1.30.3',
          revision: '1-30-3',
          revisionTags: ['stable'],
          injectionNamespaces: ['payments'],
          upgrade: {
            toVersion: '1.31.0',
            toRevision: '1-31-0',
            stage: 'move',
            canaryTag: 'canary',
            movedNamespaces: ['payments'],
          },
        },
      }),
    ),
  );

interface DryRunResult {
  log: { body: { message?: string } }[];
  directoryContents: { path: string }[];
  output: { text?: { title: string; content?: string }[] };
}

const textOf = (output: DryRunResult['output'], title: string) =>
  output.text?.find(t => t.title === title)?.content;

/**
 * The "Upgrade Istio" template in the real backend: the template editor's dry-run of precheck and
 * canary on the example mesh, and real promote runs whose gate request goes from the scaffolder's
 * action to the mesh backend's route with the scaffolder's service token, judged on real Prometheus.
 */
describe('upgrading Istio with the Upgrade Istio template', () => {
  let fixture: MeshFixture;
  let backend: TemplateBackend;

  beforeAll(async () => {
    fixture = await startMeshFixture({
      clusters: upgradeClusters,
      maxLifetimeSec: 600,
    });
    backend = await startTemplateBackend(
      {},
      { cacheTtlMs: 1, clusters: fixture.meshConfig().clusters },
    );
    await waitForEntity(
      backend.baseUrl,
      { kind: 'Template', name: 'upgrade-istio' },
      { authorization: `Bearer ${backend.token}` },
    );
  });

  afterAll(async () => {
    await backend?.stop();
    await fixture?.stop();
  });

  async function dryRun(stage: string): Promise<DryRunResult> {
    const response = await fetch(
      `${backend.baseUrl}/api/scaffolder/v2/dry-run`,
      {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${backend.token}`,
          'Content-Type': 'application/json',
        },
        body: JSON.stringify({
          template,
          values: {
            upgrade: {
              cluster: 'resource:default/east-1',
              scope: 'mesh',
              toVersion: '1.31.0',
              stage,
              namespaces: [],
              openPullRequest: true,
              committedSpec: exampleMesh,
            },
          },
          secrets: {},
          directoryContents: [],
        }),
      },
    );
    const text = await response.text();
    expect({ status: response.status, text: response.ok ? '' : text }).toEqual({
      status: 200,
      text: '',
    });
    return JSON.parse(text);
  }

  it('dry-runs precheck (notes only) and canary (the new revision beside the old in every member) from the committed spec', async () => {
    // WHEN the template editor dry-runs precheck
    const precheck = await dryRun('precheck');
    // THEN it renders nothing and its notes name what 1.31 changes
    expect(precheck.directoryContents).toEqual([]);
    expect(textOf(precheck.output, 'Upgrade notes')).toContain('v1.6.0');
    expect(textOf(precheck.output, 'What changes')).toBeUndefined();

    // WHEN it dry-runs canary
    const canary = await dryRun('canary');
    // THEN every member of the mesh gets the second istiod release's values beside the running one
    const files = canary.directoryContents.map(f => f.path);
    for (const member of ['east-1', 'west-1', 'central-1']) {
      expect(files).toContain(
        `clusters/${member}/istio/values/istiod-1-31-0.yaml`,
      );
      expect(files).toContain(`clusters/${member}/istio/values/istiod.yaml`);
    }
    // AND the task page says what the stage changes against the committed spec, with its notes
    expect(textOf(canary.output, 'What changes')).toContain('istio.upgrade');
    expect(textOf(canary.output, 'Upgrade notes')).toMatch(/^- /);
    // AND the pull request step planned the mesh-wide request without calling the host
    expect(textOf(canary.output, 'Pull request')).toContain(
      '**planned** on branch `meshes/prod-mesh`',
    );
    // AND its body lists the stage's notes for the reviewer, the canary's own among them: with the
    // body's Markdown escapes undone, the list is the task's Upgrade notes
    const listed = /### Notes for the reviewer\n\n((?:- .*\n)+)/.exec(
      textOf(canary.output, 'Pull request')!,
    )?.[1];
    expect(listed?.trimEnd().replace(/\\(.)/g, '$1')).toBe(
      textOf(canary.output, 'Upgrade notes'),
    );
    expect(listed).toMatch(/^- istiod 1-31-0 .* runs beside 1-30-3 /m);
  });

  it("promote asks the mesh backend's gate with the scaffolder's service credentials: allowed on the clean canary, refused with the reasons where the canary answers 5xx", async () => {
    const promote = (cluster: string) =>
      runTemplateTask({
        baseUrl: backend.baseUrl,
        token: backend.token,
        templateRef: 'template:default/upgrade-istio',
        values: {
          upgrade: {
            cluster: `resource:default/${cluster}`,
            scope: 'cluster',
            toVersion: '1.31.0',
            stage: 'promote',
            namespaces: [],
            openPullRequest: false,
            committedSpec: movedSpec(cluster),
          },
        },
      });
    const [clean, failing] = upgradeClusters.map(c => c.name);

    // WHEN promote runs for the cluster whose canary is healthy
    const allowed = await promote(clean);
    // THEN the gate allowed it and the notes say so
    expectCompleted(allowed);
    expect(allowed.log.join('\n')).toContain(
      `upgrade gate asked and passed: promote from 1-30-3 to 1-31-0 allowed for ${clean}`,
    );
    expect(textOf(allowed.output, 'Upgrade notes')).toContain(
      'upgrade gate asked and passed',
    );

    // WHEN promote runs for the cluster whose canary workloads answer 20 % 5xx
    const refused = await promote(failing);
    // THEN the task fails with the gate's reason in its log, before anything is rendered
    expect(refused.status).toBe('failed');
    const log = refused.log.join('\n');
    expect(log).toContain(
      'Istio upgrade promote from 1-30-3 to 1-31-0 refused by the upgrade gate:',
    );
    expect(log).toMatch(
      new RegExp(
        `${failing}: workloads on revision 1-31-0 answer 2\\d\\.\\d\\d % 5xx against 0\\.00 % on 1-30-3`,
      ),
    );
    // AND no token reached either task's log or output
    for (const run of [allowed, refused]) {
      expect(JSON.stringify(run)).not.toMatch(/Bearer|eyJ[\w-]{10,}/);
    }
  });
});
