import { Table, TableColumn } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import { ClusterHealth } from '@mesh-templates/plugin-mesh-common';
import { ClusterLinks } from './ClusterLinks';
import {
  formatMs,
  formatNumber,
  formatPercent,
  NO_DATA,
  successRate,
} from './format';
import { HealthStatusChip } from './HealthStatusChip';
import { Sparkline } from './Sparkline';

function ClusterCell({ cluster }: { cluster: ClusterHealth }) {
  return (
    <>
      <Typography variant="body2">
        <strong>{cluster.name}</strong>
      </Typography>
      {cluster.reasons.map(reason => (
        <Typography
          key={reason}
          variant="caption"
          component="div"
          color="textSecondary"
        >
          {reason}
        </Typography>
      ))}
      <ClusterLinks links={cluster.links} />
    </>
  );
}

const columns: TableColumn<ClusterHealth>[] = [
  {
    title: 'Status',
    field: 'status',
    cellStyle: { whiteSpace: 'nowrap' },
    render: c => <HealthStatusChip status={c.status} />,
  },
  {
    title: 'Cluster',
    field: 'name',
    // Reasons are sentences: give them room rather than a word per line.
    cellStyle: { minWidth: 220 },
    render: c => <ClusterCell cluster={c} />,
  },
  {
    title: 'istiod',
    render: c => c.controlPlane.versions.join(', ') || NO_DATA,
  },
  {
    title: 'Proxies',
    render: c =>
      c.controlPlane.connectedProxies === null
        ? NO_DATA
        : c.controlPlane.connectedProxies,
  },
  {
    title: 'Requests/s',
    render: c => formatNumber(c.traffic.requestsPerSecond),
  },
  {
    title: 'Success',
    render: c => formatPercent(successRate(c.traffic.errorRate5xx), 2),
  },
  { title: 'p99', render: c => formatMs(c.traffic.latencyP99Ms) },
  { title: 'mTLS', render: c => formatPercent(c.traffic.mtlsShare, 0) },
  {
    title: 'Skew',
    render: c => (c.proxies.skew > 0 ? `${c.proxies.skew} off istiod` : 'none'),
  },
  {
    title: 'Last hour',
    // Stacked and narrow, so the ten columns fit a normal entity page without scrolling.
    cellStyle: { width: 72 },
    render: c => (
      <div style={{ display: 'flex', flexDirection: 'column', gap: 4 }}>
        <Sparkline
          points={c.trend.requestsPerSecond}
          label={`${c.name} requests per second, last hour`}
          width={64}
        />
        <Sparkline
          points={c.trend.errorRate5xx}
          label={`${c.name} 5xx ratio, last hour`}
          color="#d32f2f"
          width={64}
        />
      </div>
    ),
  },
];

/** One row per cluster; `dense` drops the columns the overview card has no room for. */
export function MeshHealthTable({
  clusters,
  dense = false,
}: {
  clusters: ClusterHealth[];
  dense?: boolean;
}) {
  const shown = dense
    ? columns.filter(c =>
        ['Status', 'Cluster', 'Requests/s', 'Success', 'p99', 'mTLS'].includes(
          String(c.title),
        ),
      )
    : columns;
  return (
    <Table<ClusterHealth>
      options={{
        paging: false,
        search: false,
        toolbar: false,
        padding: 'dense',
        sorting: false,
      }}
      columns={shown}
      data={clusters}
    />
  );
}
