import { CSSProperties, ReactNode } from 'react';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
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

interface Column {
  title: string;
  render(cluster: ClusterHealth): ReactNode;
  cellStyle?: CSSProperties;
  headerStyle?: CSSProperties;
}

function ClusterCell({
  cluster,
  withStatus = false,
}: {
  cluster: ClusterHealth;
  withStatus?: boolean;
}) {
  return (
    <>
      {withStatus && <HealthStatusChip status={cluster.status} />}
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

const columns: Column[] = [
  {
    title: 'Status',
    cellStyle: { whiteSpace: 'nowrap' },
    render: c => <HealthStatusChip status={c.status} />,
  },
  {
    title: 'Cluster',
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

/** Tighter cells for the overview card, which shares the page's width with other cards. */
const denseCell = { padding: '6px 8px' };

/**
 * The overview card's columns: the status sits above the cluster's name, and only the traffic numbers
 * follow, so the table fits the overview's main column (about 500 px) without scrolling sideways.
 */
const denseColumns: Column[] = [
  {
    title: 'Cluster',
    cellStyle: { ...denseCell, minWidth: 200 },
    headerStyle: denseCell,
    render: c => <ClusterCell cluster={c} withStatus />,
  },
  ...[
    ['Requests/s', 'Req/s'],
    ['Success', 'Success'],
    ['p99', 'p99'],
    ['mTLS', 'mTLS'],
  ].map(([title, shortTitle]) => ({
    ...columns.find(c => c.title === title)!,
    title: shortTitle,
    cellStyle: denseCell,
    headerStyle: denseCell,
  })),
];

/**
 * One row per cluster; `dense` is the overview card's narrower table (the Mesh tab has every column).
 * Material UI's plain table rather than core-components' Table: that one wraps material-table, whose
 * components declare defaultProps, which React 18.3 deprecates; this table needs none of its features.
 */
export function MeshHealthTable({
  clusters,
  dense = false,
}: {
  clusters: ClusterHealth[];
  dense?: boolean;
}) {
  const shown = dense ? denseColumns : columns;
  return (
    <Table size="small" aria-label="Mesh health">
      <TableHead>
        <TableRow>
          {shown.map(column => (
            <TableCell key={column.title} style={column.headerStyle}>
              {column.title}
            </TableCell>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>
        {clusters.map(cluster => (
          <TableRow key={cluster.name}>
            {shown.map(column => (
              <TableCell key={column.title} style={column.cellStyle}>
                {column.render(cluster)}
              </TableCell>
            ))}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
