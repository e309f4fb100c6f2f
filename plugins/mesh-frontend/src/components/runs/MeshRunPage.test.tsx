import {
  renderInTestApp,
  TestApiProvider,
} from '@backstage/frontend-test-utils';
import { MeshRun } from '@mesh-templates/plugin-mesh-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MeshRunsApi, meshRunsApiRef } from '../../api/MeshRunsApi';
import { MeshRunPage } from './MeshRunPage';
import { SaveBlob } from './saveBlob';

const run: MeshRun = {
  taskId: 'task-1',
  createdBy: 'user:default/guest',
  clusters: ['newcomer-1'],
  createdAt: '2025-01-01T10:00:00.000Z',
  expiresAt: '2025-01-04T10:00:00.000Z',
  files: [
    { path: 'bundle-index.json', component: 'bundle', bytes: 10 },
    {
      path: 'clusters/newcomer-1/README.md',
      cluster: 'newcomer-1',
      component: 'cluster',
      bytes: 20,
    },
    {
      path: 'clusters/newcomer-1/istio/values/istiod.yaml',
      cluster: 'newcomer-1',
      component: 'istio',
      bytes: 30,
    },
  ],
};

function fakeApi(overrides: Partial<MeshRunsApi> = {}): MeshRunsApi {
  return {
    getRun: jest.fn().mockResolvedValue(run),
    getRunFile: jest.fn(async (_taskId: string, path: string) => ({
      path,
      content: 'pilot:\n  autoscaleEnabled: true\n',
    })),
    downloadRunBundle: jest
      .fn()
      .mockResolvedValue(new Blob(['tgz'], { type: 'application/gzip' })),
    ...overrides,
  };
}

// renderInTestApp returns synchronously: tests wait for content with findBy*/waitFor, whose
// polling lets the page's requests settle inside act.
function renderAt(
  api: MeshRunsApi,
  url = '/mesh/runs/task-1',
  saveBlob: SaveBlob = jest.fn(),
) {
  return renderInTestApp(
    <TestApiProvider apis={[[meshRunsApiRef, api]]}>
      <MeshRunPage saveBlob={saveBlob} />
    </TestApiProvider>,
    { mountPath: '/mesh/runs/:taskId', initialRouteEntries: [url] },
  );
}

// The first render boots the test app and the highlighter; on a busy machine that passes 5 s.
jest.setTimeout(30_000);

describe('MeshRunPage', () => {
  it('lists the files by cluster and component and shows one with highlighting', async () => {
    const api = fakeApi();
    renderAt(api);

    const cluster = await screen.findByRole('list', {
      name: 'Cluster newcomer-1',
    });
    expect(within(cluster).getByText('istio')).toBeInTheDocument();
    expect(within(cluster).getByText('README.md')).toBeInTheDocument();
    expect(
      within(screen.getByRole('list', { name: 'Bundle' })).getByText(
        'bundle-index.json',
      ),
    ).toBeInTheDocument();

    await userEvent.click(within(cluster).getByText('values/istiod.yaml'));
    expect(
      within(cluster).getByRole('button', { name: 'values/istiod.yaml' }),
    ).toHaveAttribute('aria-pressed', 'true');

    expect(api.getRunFile).toHaveBeenCalledWith(
      'task-1',
      'clusters/newcomer-1/istio/values/istiod.yaml',
    );
    // The highlighter renders in steps (plain text, then tokens): wait for the highlighted code.
    await waitFor(() =>
      expect(
        screen.getByText(
          (_, element) =>
            element?.tagName === 'CODE' &&
            element.textContent === 'pilot:\n  autoscaleEnabled: true\n',
        ),
      ).toBeInTheDocument(),
    );
    expect(api.downloadRunBundle).not.toHaveBeenCalled();
  });

  it('downloads the bundle through the API, by button or straight from the task page link', async () => {
    const api = fakeApi();
    const saveBlob = jest.fn<void, [Blob, string]>();
    renderAt(api, '/mesh/runs/task-1?download=bundle', saveBlob);
    const button = await screen.findByRole('button', {
      name: 'Download bundle (.tar.gz)',
    });
    await waitFor(() =>
      expect(api.downloadRunBundle).toHaveBeenCalledWith('task-1'),
    );
    // The button is disabled while a download runs; enabled again, that one has finished.
    await waitFor(() => expect(button).toBeEnabled());
    expect(saveBlob).toHaveBeenCalledWith(
      expect.any(Blob),
      'mesh-bundle-task-1.tar.gz',
    );
    const [saved] = saveBlob.mock.calls[0];
    expect(saved.type).toBe('application/gzip');
    expect(await saved.text()).toBe('tgz');

    await userEvent.click(button);
    await waitFor(() => expect(api.downloadRunBundle).toHaveBeenCalledTimes(2));
    await waitFor(() => expect(button).toBeEnabled());
    expect(saveBlob).toHaveBeenCalledTimes(2);
  });

  it('says why a run is gone', async () => {
    const expired = new Error(
      'The bundle of run task-1 expired on 2025-01-04T10:00:00.000Z and was removed',
    );
    renderAt(fakeApi({ getRun: jest.fn().mockRejectedValue(expired) }));
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('Could not load run task-1')).toBeVisible();
    expect(
      within(alert).getByText(
        'The bundle of run task-1 expired on 2025-01-04T10:00:00.000Z and was removed',
      ),
    ).toBeVisible();
  });
});
