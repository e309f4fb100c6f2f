import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, within } from '@testing-library/react';
import { sampleCluster } from '../testing/sampleHealth';
import { MeshLifecycleTable } from './MeshLifecycleTable';

describe('MeshLifecycleTable', () => {
  it('shows certificate expiry, end of life, revisions, ztunnel and drift per cluster', async () => {
    const observedAt = '2026-11-30T00:00:00.000Z';
    await renderInTestApp(
      <MeshLifecycleTable
        clusters={[
          sampleCluster('cluster-ca', 'failing', {
            observedAt,
            certificates: {
              rootExpiresAt: '2026-12-05T00:00:00.000Z',
              istiodExpiresAt: '2027-11-30T00:00:00.000Z',
            },
          }),
          sampleCluster('cluster-drift', 'degraded', {
            observedAt,
            endOfLife: '2026-05-31',
            revisions: ['default'],
            ztunnel: {
              nodes: 3,
              up: 2,
              versions: [{ version: '1.30.3', count: 2 }],
            },
            drift: {
              expected: { version: '1.31.1', revision: '1-31' },
              actual: { versions: ['1.30.3'], revisions: ['default'] },
              drifted: true,
            },
          }),
        ]}
      />,
    );
    const ca = screen.getByText('cluster-ca').closest('tr')!;
    expect(within(ca).getByText('2026-12-05')).toBeInTheDocument();
    expect(within(ca).getByText('in 5 days')).toBeInTheDocument();
    expect(within(ca).getByText('no ambient')).toBeInTheDocument();
    const drift = screen.getByText('cluster-drift').closest('tr')!;
    expect(within(drift).getByText('183 days ago')).toBeInTheDocument();
    expect(within(drift).getByText('2/3 nodes up, 1.30.3')).toBeInTheDocument();
    expect(
      within(drift).getByText('Git says 1.31.1, revision 1-31; drift'),
    ).toBeInTheDocument();
  });
});
