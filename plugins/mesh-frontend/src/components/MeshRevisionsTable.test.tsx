import { renderInTestApp } from '@backstage/frontend-test-utils';
import { RevisionHealth } from '@mesh-templates/plugin-mesh-common';
import { screen, within } from '@testing-library/react';
import { sampleCluster } from '../testing/sampleHealth';
import { MeshRevisionsTable } from './MeshRevisionsTable';

function revision(
  name: string,
  version: string,
  proxies: number,
  istiodUp = true,
): RevisionHealth {
  return {
    revision: name,
    versions: [version],
    istiodUp,
    connectedProxies: proxies,
    xdsRejectsPerMinute: 0,
    proxyVersions: [{ version, count: proxies }],
    requestsPerSecond: null,
    errorRate5xx: null,
  };
}

function withRevisions(name: string, revisions: RevisionHealth[]) {
  const cluster = sampleCluster(name, 'healthy');
  return {
    ...cluster,
    controlPlane: { ...cluster.controlPlane, revisions },
  };
}

describe('MeshRevisionsTable', () => {
  it('shows each revision with version, istiod status and proxies, and a mid-upgrade cluster as progress', async () => {
    await renderInTestApp(
      <MeshRevisionsTable
        clusters={[
          withRevisions('cluster-upgrade', [
            revision('1-30-3', '1.30.3', 6),
            revision('1-31-0', '1.31.0', 2, false),
          ]),
          withRevisions('cluster-east', [revision('default', '1.30.1', 12)]),
        ]}
      />,
    );
    const stable = screen.getByText('1-30-3').closest('tr')!;
    expect(within(stable).getByText('cluster-upgrade')).toBeInTheDocument();
    expect(within(stable).getByText('1.30.3')).toBeInTheDocument();
    expect(within(stable).getByText('up')).toBeInTheDocument();
    expect(within(stable).getByText('6')).toBeInTheDocument();
    const canary = screen.getByText('1-31-0').closest('tr')!;
    expect(within(canary).getByText('down')).toBeInTheDocument();
    expect(within(canary).getByText('1.31.0 × 2')).toBeInTheDocument();

    const label = 'Upgrade of cluster-upgrade: 2 of 8 proxies on 1-31-0 (25 %)';
    expect(screen.getByText(label)).toBeInTheDocument();
    const bar = screen.getByRole('progressbar', { name: label });
    expect(bar).toHaveAttribute('aria-valuenow', '25');
    // One revision: nothing in progress.
    expect(screen.getAllByRole('progressbar')).toHaveLength(1);
    expect(screen.getByText('default').closest('tr')).toHaveTextContent(
      'cluster-east',
    );
  });

  it('shows no rows for a cluster whose backend reports no revisions', async () => {
    await renderInTestApp(
      <MeshRevisionsTable
        clusters={[sampleCluster('cluster-old', 'healthy')]}
      />,
    );
    expect(screen.queryByText('cluster-old')).not.toBeInTheDocument();
    expect(screen.queryByRole('progressbar')).not.toBeInTheDocument();
  });
});
