import { renderInTestApp } from '@backstage/frontend-test-utils';
import {
  parseMeshClusterSpec,
  RevisionHealth,
} from '@mesh-templates/plugin-mesh-common';
import { screen, within } from '@testing-library/react';
import { NO_DATA } from './format';
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

/** The committed spec of cluster-upgrade, upgrading 1.30.3 → 1.31.0 with stable tag `prod`, at `stage`. */
function upgradeSpecAt(stage: string) {
  return parseMeshClusterSpec({
    cluster: { name: 'cluster-upgrade' },
    istio: {
      version: '1.30.3',
      revision: '1-30-3',
      revisionTags: ['prod'],
      upgrade: { toVersion: '1.31.0', toRevision: '1-31-0', stage },
    },
  });
}

/** cluster-upgrade mid-upgrade, with an old revision Git no longer names, and cluster-east. */
const midUpgrade = [
  withRevisions('cluster-upgrade', [
    revision('1-30-3', '1.30.3', 6),
    revision('1-31-0', '1.31.0', 2),
    revision('1-29-0', '1.29.0', 0),
  ]),
  withRevisions('cluster-east', [revision('default', '1.30.1', 12)]),
];

/** The Tags cell of the row of `revisionName`. */
function tagsOf(revisionName: string): string | null {
  const headers = screen
    .getAllByRole('columnheader')
    .map(header => header.textContent);
  const row = screen.getByText(revisionName).closest('tr')!;
  return within(row).getAllByRole('cell')[headers.indexOf('Tags')].textContent;
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

  it('shows the tags the committed spec points at each revision at the canary stage', async () => {
    // GIVEN the spec in Git at stage canary
    await renderInTestApp(
      <MeshRevisionsTable
        clusters={midUpgrade}
        committedSpec={{ status: 'loaded', spec: upgradeSpecAt('canary') }}
      />,
    );
    // THEN the stable tag names the running revision and the canary tag the new one
    expect(tagsOf('1-30-3')).toBe('prod');
    expect(tagsOf('1-31-0')).toBe('canary');
    // a revision the spec no longer names has none, a cluster the spec does not describe no data
    expect(tagsOf('1-29-0')).toBe('');
    expect(tagsOf('default')).toBe(NO_DATA);
    expect(
      screen.getByText(/^Tags: from the committed spec/),
    ).toBeInTheDocument();
  });

  it('shows every tag on the new revision once the spec is at promote', async () => {
    await renderInTestApp(
      <MeshRevisionsTable
        clusters={midUpgrade}
        committedSpec={{ status: 'loaded', spec: upgradeSpecAt('promote') }}
      />,
    );
    expect(tagsOf('1-30-3')).toBe('');
    expect(tagsOf('1-31-0')).toBe('prod, canary');
  });

  it('shows no tags, and says why, without a committed spec', async () => {
    await renderInTestApp(<MeshRevisionsTable clusters={midUpgrade} />);
    for (const name of ['1-30-3', '1-31-0', 'default']) {
      expect(tagsOf(name)).toBe(NO_DATA);
    }
    expect(
      screen.getByText('Tags: no committed spec for this entity'),
    ).toBeInTheDocument();
    // The rest of the section is unchanged.
    expect(
      screen.getByText(
        'Upgrade of cluster-upgrade: 2 of 8 proxies on 1-31-0 (25 %)',
      ),
    ).toBeInTheDocument();
  });

  it('shows no tags and the reason when the committed spec cannot be read', async () => {
    await renderInTestApp(
      <MeshRevisionsTable
        clusters={midUpgrade}
        committedSpec={{
          status: 'error',
          error: new Error('spec-location ./mesh-cluster.yaml: not found'),
        }}
      />,
    );
    expect(tagsOf('1-31-0')).toBe(NO_DATA);
    expect(
      screen.getByText(
        'Tags: could not read the committed spec: spec-location ./mesh-cluster.yaml: not found',
      ),
    ).toBeInTheDocument();
  });
});
