import { UrlReaders } from '@backstage/backend-defaults/urlReader';
import { mockServices } from '@backstage/backend-test-utils';
import { templateFormValues } from '@mesh-templates/plugin-mesh-common';
import { runTemplateTask } from './__testUtils__/runTemplateTask';
import {
  contractGithubToken,
  expectCompleted,
  startTemplateBackend,
  TemplateBackend,
} from './__testUtils__/startTemplateBackend';
import { waitForEntity } from './__testUtils__/waitForEntity';

jest.setTimeout(240_000);

const repoName = 'platform/gitops';
const cluster = 'e2e-change';
const folderUrl = `https://github.example.test/${repoName}/blob/main/clusters/${cluster}`;
const delivery = {
  openPullRequest: true,
  applyDirectly: false,
  waitForReady: true,
};

/** The lines of one bold-titled part of the body's "What changes" section. */
function whatChangesPart(body: string, title: string): string[] {
  const section = body.split('### What changes')[1]?.split('\n### ')[0] ?? '';
  const part = section.split(`**${title}**`)[1]?.split('\n**')[0] ?? '';
  return part.split('\n').filter(line => line.startsWith('- '));
}

/**
 * "Change mesh" end to end in the real backend: the committed spec is read back through the
 * GitHub integration (the contract server's contents endpoint, as Backstage's GithubUrlReader
 * calls it), two settings are changed, and the run updates the cluster's open pull request with a
 * "What changes" section naming them.
 */
describe('changing a mesh cluster from its committed spec', () => {
  let backend: TemplateBackend;
  const auth = () => ({ Authorization: `Bearer ${backend.token}` });

  beforeAll(async () => {
    backend = await startTemplateBackend({
      [repoName]: { 'README.md': '# GitOps\n' },
    });
  });

  afterAll(async () => {
    await backend?.stop();
  });

  const run = (values: Record<string, unknown>) =>
    runTemplateTask({
      baseUrl: backend.baseUrl,
      token: backend.token,
      templateRef: 'template:default/create-mesh-cluster',
      values,
    });

  it('reads the committed spec through the integration and updates the same pull request with what changes', async () => {
    const { github } = backend.git;
    // GIVEN a first run whose files are committed to the base branch, its pull request still open
    const first = await run({
      cluster: { name: cluster, network: 'net-east' },
      istio: { version: '1.30.2' },
      gitops: { repoUrl: `https://github.example.test/${repoName}.git` },
      delivery,
    });
    expectCompleted(first);
    const repo = github.repos.get(repoName)!;
    const proposed = Object.entries(repo.files(`mesh/${cluster}`)).filter(
      ([path]) => path.startsWith(`clusters/${cluster}/`),
    );
    repo.push('main', Object.fromEntries(proposed), 'Merge the mesh');
    // AND the cluster's catalog-info.yaml registered from the repository, as a platform team would
    const registered = await fetch(`${backend.baseUrl}/api/catalog/locations`, {
      method: 'POST',
      headers: { ...auth(), 'Content-Type': 'application/json' },
      body: JSON.stringify({
        type: 'url',
        target: `${folderUrl}/catalog-info.yaml`,
      }),
    });
    expect(registered.status).toBe(201);
    const entity = await waitForEntity(
      backend.baseUrl,
      { kind: 'Resource', name: cluster },
      { authorization: auth().Authorization },
    );
    expect(entity.metadata.annotations).toMatchObject({
      'mesh.backstage.io/spec-location': './mesh-cluster.yaml',
      'mesh.backstage.io/istio-version': '1.30.2',
    });

    // WHEN the mesh plugin is asked for the cluster's committed spec
    github.requests.length = 0;
    const response = await fetch(
      `${backend.baseUrl}/api/mesh/spec?entityRef=resource:default/${cluster}`,
      { headers: auth() },
    );
    const text = await response.text();
    // THEN it read mesh-cluster.yaml beside catalog-info.yaml through the GitHub integration
    expect(response.status).toBe(200);
    expect(github.requests).toContainEqual({
      method: 'GET',
      path: `/repos/${repoName}/contents/clusters/${cluster}/mesh-cluster.yaml?ref=main`,
    });
    // which answers only the integration's token
    const anonymous = await fetch(
      `${backend.git.integrationsConfig.github[0].apiBaseUrl}/repos/${repoName}/contents/clusters/${cluster}/mesh-cluster.yaml?ref=main`,
    );
    expect(anonymous.status).toBe(401);
    const { spec, location } = JSON.parse(text);
    expect(location).toBe(
      `url:https://github.example.test/${repoName}/tree/main/clusters/${cluster}/mesh-cluster.yaml`,
    );
    expect(spec).toMatchObject({
      cluster: { name: cluster, network: 'net-east' },
      istio: { version: '1.30.2', tag: '1.30.2' },
    });
    expect(text).not.toContain(contractGithubToken);

    // WHEN "change" runs with that spec, a new Istio patch release and a slower scrape interval
    const values = templateFormValues(spec) as any;
    const change = await run({
      ...values,
      istio: { ...values.istio, version: '1.30.3' },
      observability: {
        ...values.observability,
        prometheus: {
          ...values.observability.prometheus,
          scrapeInterval: '30s',
        },
      },
      // The committed spec rides along, as "Change mesh" passes it, for the render step's summary
      delivery: { ...delivery, committedSpec: spec },
    });

    // THEN the same pull request was updated
    expectCompleted(change);
    const pulls = github.pulls.get(repoName)!;
    expect(pulls.map(p => [p.number, p.state])).toEqual([[1, 'open']]);
    expect(JSON.stringify(change.output.text)).toContain('updated');
    // AND the task page opens the same change, computed by the render step from the committed spec
    expect(
      change.output.text.find((t: { default?: boolean }) => t.default).title,
    ).toBe('What changes');
    const taskWhatChanges = change.output.text.find(
      (t: { title: string }) => t.title === 'What changes',
    ).content;
    expect(taskWhatChanges).toContain(
      '- `observability.prometheus.scrapeInterval`: `15s` → `30s`',
    );
    expect(
      first.output.text.find(
        (t: { title: string }) => t.title === 'What changes',
      ).content,
    ).toBeUndefined();
    // AND its "What changes" names exactly the fields changed (the image tag follows the version)
    const body = pulls[0].body ?? '';
    expect(whatChangesPart(body, 'Spec fields')).toEqual([
      '- `istio.tag`: `1.30.2` → `1.30.3`',
      '- `istio.version`: `1.30.2` → `1.30.3`',
      '- `observability.prometheus.scrapeInterval`: `15s` → `30s`',
    ]);
    // AND the objects those fields change: the scrape interval's monitors and the alert naming it,
    // the version's image tag in istiod's values, which restarts istiod
    expect(whatChangesPart(body, 'Objects changed')).toEqual([
      '- PodMonitor `istio-system/envoy-stats-monitor`: `spec.podMetricsEndpoints[0].interval`',
      '- PrometheusRule `istio-system/istio-mesh-health`: `spec.groups[0].rules[6].annotations.description`, `spec.groups[0].rules[6].annotations.summary`',
      '- ServiceMonitor `istio-system/istio-component-monitor`: `spec.endpoints[0].interval`',
    ]);
    expect(whatChangesPart(body, 'Helm values changed')).toEqual([
      '- `istiod`: `global.tag`',
    ]);
    expect(body).toContain('- istiod restarts: its Helm values change');
    expect(whatChangesPart(body, 'Objects added')).toEqual([]);
    expect(whatChangesPart(body, 'Objects removed')).toEqual([]);

    // AND the token reached no task output, log, response or pull request
    for (const output of [first, change, body, text]) {
      expect(JSON.stringify(output)).not.toContain(contractGithubToken);
    }
  });

  it("answers Backstage's GitHub reader as GitHub does: the raw file, its ETag, 304 when unchanged", async () => {
    // GIVEN Backstage's own URL readers configured with the contract server's integration
    const reader = UrlReaders.default({
      config: mockServices.rootConfig({
        data: { integrations: backend.git.integrationsConfig },
      }),
      logger: mockServices.logger.mock(),
    });
    const url = `https://github.example.test/${repoName}/blob/main/README.md`;
    // WHEN it reads a file THEN it gets the committed bytes and an ETag
    const first = await reader.readUrl(url);
    expect((await first.buffer()).toString('utf8')).toBe('# GitOps\n');
    expect(first.etag).toMatch(/^"[0-9a-f]{40}"$/);
    // AND reading again with that ETag is "not modified"
    await expect(
      reader.readUrl(url, { etag: first.etag }),
    ).rejects.toMatchObject({
      name: 'NotModifiedError',
    });
    // AND a file the branch lacks is not found
    await expect(
      reader.readUrl(
        `https://github.example.test/${repoName}/blob/main/nope.yaml`,
      ),
    ).rejects.toMatchObject({ name: 'NotFoundError' });
  });
});
