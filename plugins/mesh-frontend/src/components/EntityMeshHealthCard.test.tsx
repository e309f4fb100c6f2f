import { Entity } from '@backstage/catalog-model';
import {
  renderInTestApp,
  TestApiProvider,
} from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { MeshHealthResponse } from '@mesh-templates/plugin-mesh-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MeshApi, meshApiRef } from '../api/MeshApi';
import { sampleCluster } from '../testing/sampleHealth';
import { EntityMeshContent } from './EntityMeshContent';
import { EntityMeshHealthCard } from './EntityMeshHealthCard';

const cluster: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name: 'cluster-west', namespace: 'default' },
  spec: { type: 'kubernetes-cluster' },
};

function renderWith(api: MeshApi, element = <EntityMeshHealthCard />) {
  return renderInTestApp(
    <TestApiProvider apis={[[meshApiRef, api]]}>
      <EntityProvider entity={cluster}>{element}</EntityProvider>
    </TestApiProvider>,
  );
}

const answer = (body: MeshHealthResponse) =>
  jest.fn<Promise<MeshHealthResponse>, []>().mockResolvedValue(body);

describe('EntityMeshHealthCard', () => {
  it('shows progress while loading', async () => {
    renderWith({ getHealth: () => new Promise(() => {}) });
    expect(await screen.findByTestId('progress')).toBeInTheDocument();
  });

  it('asks for the entity it is on', async () => {
    const getHealth = answer({
      clusters: [sampleCluster('cluster-west', 'healthy')],
    });
    renderWith({ getHealth });
    await screen.findByText('cluster-west');
    expect(getHealth).toHaveBeenCalledWith({
      entityRef: 'resource:default/cluster-west',
    });
  });

  it('keeps to the columns that fit an overview card, the status above the name', async () => {
    renderWith({
      getHealth: answer({
        clusters: [sampleCluster('cluster-west', 'degraded')],
      }),
    });
    const row = (await screen.findByText('cluster-west')).closest('tr')!;
    expect(
      screen.getAllByRole('columnheader').map(header => header.textContent),
    ).toEqual(['Cluster', 'Req/s', 'Success', 'p99', 'mTLS']);
    const cell = screen.getByText('cluster-west').closest('td')!;
    expect(within(cell).getByText('degraded')).toBeInTheDocument();
    expect(within(row).queryByText('1.30.1')).not.toBeInTheDocument();
  });

  it('shows one row per cluster with status, numbers and the reasons', async () => {
    renderWith({
      getHealth: answer({
        clusters: [
          sampleCluster('cluster-east', 'healthy'),
          sampleCluster('cluster-west', 'degraded', {
            reasons: ['5xx ratio 2.6% is at or above 0.10%'],
            traffic: {
              ...sampleCluster('x', 'healthy').traffic,
              errorRate5xx: 0.026,
              latencyP99Ms: 500,
              mtlsShare: 0.8,
            },
          }),
          sampleCluster('cluster-south', 'failing', {
            reasons: ['istiod is down: no istiod target is up'],
          }),
          sampleCluster('cluster-north', 'unknown', {
            reasons: ['Prometheus is unreachable (ECONNREFUSED)'],
          }),
        ],
      }),
    });
    const west = (await screen.findByText('cluster-west')).closest('tr')!;
    expect(within(west).getByText('degraded')).toBeInTheDocument();
    expect(within(west).getByText('97.40%')).toBeInTheDocument();
    expect(within(west).getByText('500 ms')).toBeInTheDocument();
    expect(within(west).getByText('80%')).toBeInTheDocument();
    expect(
      within(west).getByText('5xx ratio 2.6% is at or above 0.10%'),
    ).toBeInTheDocument();
    expect(
      within(screen.getByText('cluster-east').closest('tr')!).getByText(
        'healthy',
      ),
    ).toBeInTheDocument();
    expect(
      within(screen.getByText('cluster-south').closest('tr')!).getByText(
        'failing',
      ),
    ).toBeInTheDocument();
    const north = screen.getByText('cluster-north').closest('tr')!;
    expect(within(north).getByText('unknown')).toBeInTheDocument();
    expect(
      within(north).getByText('Prometheus is unreachable (ECONNREFUSED)'),
    ).toBeInTheDocument();
  });

  it('shows the error when the first load fails', async () => {
    renderWith({
      getHealth: jest.fn().mockRejectedValue(new Error('backend is down')),
    });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Could not load mesh health');
    expect(alert).toHaveTextContent('backend is down');
  });

  it('shows the config to add when no configured cluster matches', async () => {
    renderWith({
      getHealth: answer({
        clusters: [],
        scope: {
          entityRef: 'resource:default/cluster-west',
          clusterNames: ['cluster-west'],
        },
      }),
    });
    expect(
      await screen.findByText('No mesh clusters configured for cluster-west'),
    ).toBeInTheDocument();
    // The snippet's highlighter loads lazily and splits it into spans; its whole text is what users copy.
    await waitFor(() =>
      expect(document.body.textContent).toContain('- name: cluster-west'),
    );
  });

  it('refreshes on demand and keeps the old data, marked stale, when the refresh fails', async () => {
    const getHealth = jest
      .fn<Promise<MeshHealthResponse>, []>()
      .mockResolvedValueOnce({
        clusters: [sampleCluster('cluster-west', 'healthy')],
      })
      .mockRejectedValueOnce(new Error('timeout talking to backend'));
    renderWith({ getHealth });
    await screen.findByText('cluster-west');
    await userEvent.click(
      screen.getByRole('button', { name: 'Refresh mesh health' }),
    );
    await waitFor(() => expect(getHealth).toHaveBeenCalledTimes(2));
    const stale = await screen.findByRole('status');
    expect(stale).toHaveTextContent(/Stale: showing data observed at/);
    expect(stale).toHaveTextContent(
      'Refreshing failed: timeout talking to backend',
    );
    expect(screen.getByText('cluster-west')).toBeInTheDocument();
  });

  it('marks data stale when it was observed long ago', async () => {
    const old = new Date(Date.now() - 10 * 60_000).toISOString();
    renderWith({
      getHealth: answer({
        clusters: [
          sampleCluster('cluster-west', 'healthy', { observedAt: old }),
        ],
      }),
    });
    expect(
      await screen.findByText(/Stale: showing data observed at/),
    ).toBeInTheDocument();
  });
});

describe('EntityMeshContent', () => {
  it('shows every column, the trend and the links', async () => {
    renderWith(
      {
        getHealth: answer({
          clusters: [
            sampleCluster('cluster-west', 'degraded', {
              proxies: { versions: [], skew: 2 },
              links: {
                kiali: 'https://kiali.example.com',
                grafana: 'https://grafana.example.com',
              },
            }),
          ],
          scope: {
            entityRef: 'component:default/reviews',
            clusterNames: ['cluster-west'],
            workload: { id: 'reviews', namespace: 'bookinfo' },
          },
        }),
      },
      <EntityMeshContent />,
    );
    // The tab's first table; the lifecycle table below it has its own test.
    const health = await screen.findByRole('table', { name: 'Mesh health' });
    const row = (await within(health).findByText('cluster-west')).closest(
      'tr',
    )!;
    expect(
      within(health)
        .getAllByRole('columnheader')
        .map(header => header.textContent),
    ).toEqual([
      'Status',
      'Cluster',
      'istiod',
      'Proxies',
      'Requests/s',
      'Success',
      'p99',
      'mTLS',
      'Skew',
      'Last hour',
    ]);
    expect(within(row).getByText('1.30.1')).toBeInTheDocument();
    expect(within(row).getByText('12')).toBeInTheDocument();
    expect(within(row).getByText('32.5')).toBeInTheDocument();
    expect(within(row).getByText('2 off istiod')).toBeInTheDocument();
    expect(
      within(row).getByRole('img', {
        name: 'cluster-west requests per second, last hour',
      }),
    ).toBeInTheDocument();
    expect(within(row).getByText('Kiali').closest('a')).toHaveAttribute(
      'href',
      'https://kiali.example.com',
    );
    expect(within(row).getByText('Grafana').closest('a')).toHaveAttribute(
      'href',
      'https://grafana.example.com',
    );
    expect(
      screen.getByText(/Traffic of workload reviews in namespace bookinfo/),
    ).toBeInTheDocument();
  });
});
