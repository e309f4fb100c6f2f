import { runTemplateTask } from './__testUtils__/runTemplateTask';
import {
  contractGithubToken as githubToken,
  expectCompleted,
  startTemplateBackend,
  TemplateBackend,
} from './__testUtils__/startTemplateBackend';

jest.setTimeout(180_000);

/**
 * The whole "Create mesh cluster" template as a scaffolder task in the real backend (real auth,
 * catalog, scaffolder and mesh module): render → validate → GitHub pull request. GitHub is the
 * local contract server, the only part that is not the real thing.
 */
describe('the Create mesh cluster template as a task', () => {
  let backend: TemplateBackend;
  let git: TemplateBackend['git'];
  let baseUrl: string;
  let token: string;

  beforeAll(async () => {
    backend = await startTemplateBackend({
      'platform/gitops': {
        'README.md': '# GitOps\n',
        'clusters/other-cluster/kustomization.yaml': 'resources: []\n',
      },
    });
    ({ git, baseUrl, token } = backend);
  });

  afterAll(async () => {
    await backend?.stop();
  });

  /** Lists a branch's files through the GitHub REST API, as any client of the repository would. */
  async function branchFiles(branch: string): Promise<string[]> {
    const api = git.integrationsConfig.github[0].apiBaseUrl;
    const get = async (p: string) =>
      (
        await fetch(`${api}/repos/platform/gitops/${p}`, {
          headers: { Authorization: `token ${githubToken}` },
        })
      ).json();
    const ref = await get(`git/ref/heads/${branch}`);
    const commit = await get(`git/commits/${ref.object.sha}`);
    const tree = await get(`git/trees/${commit.tree.sha}?recursive=1`);
    return tree.tree
      .filter((e: { type: string }) => e.type === 'blob')
      .map((e: { path: string }) => e.path);
  }

  const values = (kiali: boolean) => ({
    cluster: { name: 'e2e-east', network: 'net-east' },
    observability: { kiali: { enabled: kiali } },
    gitops: { repoUrl: 'https://github.example.test/platform/gitops.git' },
    delivery: {
      openPullRequest: true,
      applyDirectly: false,
      waitForReady: true,
    },
  });

  it('opens a pull request, updates the same one on a changed re-run, and reports unchanged on an identical one', async () => {
    const run = (kiali: boolean) =>
      runTemplateTask({
        baseUrl,
        token,
        templateRef: 'template:default/create-mesh-cluster',
        values: values(kiali),
      });

    // WHEN the template runs the first time
    const first = await run(false);
    // THEN a pull request for the cluster's branch exists, holding the rendered tree
    expectCompleted(first);
    const pulls = git.github.pulls.get('platform/gitops')!;
    expect(pulls).toHaveLength(1);
    expect(pulls[0]).toMatchObject({
      number: 1,
      state: 'open',
      head: 'mesh/e2e-east',
    });
    const files = await branchFiles('mesh/e2e-east');
    expect(files).toEqual(
      expect.arrayContaining([
        'clusters/e2e-east/kustomization.yaml',
        'clusters/e2e-east/catalog-info.yaml',
        'clusters/other-cluster/kustomization.yaml',
        'README.md',
      ]),
    );
    // Direct apply was off: its text has no content, so the task page leaves it out.
    expect(
      first.output.text.find(
        (t: { title: string }) => t.title === 'Applied to the cluster',
      ).content,
    ).toBeUndefined();
    expect(first.output.links).toEqual([
      expect.objectContaining({ title: 'Rendered files' }),
      expect.objectContaining({ title: 'Download bundle (.tar.gz)' }),
      expect.objectContaining({
        title: 'GitOps pull request',
        url: expect.stringContaining('/pull/1'),
      }),
    ]);
    // A pull request was opened: the "nothing delivered" text has no content either.
    expect(
      first.output.text.find(
        (t: { title: string }) =>
          t.title === 'No pull request, nothing applied',
      ).content,
    ).toBeUndefined();

    // WHEN it runs again with Kiali turned on
    const second = await run(true);
    // THEN the same pull request was updated, no second one opened
    expectCompleted(second);
    expect(git.github.pulls.get('platform/gitops')).toHaveLength(1);
    expect(JSON.stringify(second.output.text)).toContain('updated');

    // WHEN it runs a third time with the same values
    const third = await run(true);
    // THEN nothing changed and the task says so
    expectCompleted(third);
    expect(git.github.pulls.get('platform/gitops')).toHaveLength(1);
    expect(JSON.stringify(third.output.text)).toContain('unchanged');

    // AND the token never reached a task's log or output
    for (const r of [first, second, third]) {
      expect(JSON.stringify(r)).not.toContain(githubToken);
    }
  });
});
