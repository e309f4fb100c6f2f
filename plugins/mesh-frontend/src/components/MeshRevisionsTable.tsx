import { StatusError, StatusOK } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import LinearProgress from '@material-ui/core/LinearProgress';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import {
  ClusterHealth,
  RevisionHealth,
} from '@mesh-templates/plugin-mesh-common';
import { Fragment, ReactNode } from 'react';
import { NO_DATA } from './format';
import { UpgradeProgress, upgradeProgress } from './upgradeProgress';

const columns: Array<[string, (r: RevisionHealth) => ReactNode]> = [
  ['Revision', r => <strong>{r.revision}</strong>],
  ['Version', r => r.versions.join(', ') || NO_DATA],
  [
    'istiod',
    r =>
      r.istiodUp ? <StatusOK>up</StatusOK> : <StatusError>down</StatusError>,
  ],
  ['Proxies connected', r => r.connectedProxies ?? NO_DATA],
  [
    'Proxy versions',
    r =>
      r.proxyVersions.map(v => `${v.version} × ${v.count}`).join(', ') ||
      NO_DATA,
  ],
];

function ProgressRow({
  cluster,
  progress,
}: {
  cluster: string;
  progress: UpgradeProgress;
}) {
  const percent = Math.round((100 * progress.onTarget) / progress.total);
  const label = `Upgrade of ${cluster}: ${progress.onTarget} of ${progress.total} proxies on ${progress.target} (${percent} %)`;
  return (
    <TableRow>
      <TableCell />
      <TableCell colSpan={columns.length}>
        <Typography variant="body2">{label}</Typography>
        <Box mt={0.5} mb={0.5}>
          <LinearProgress
            variant="determinate"
            value={percent}
            aria-label={label}
          />
        </Box>
      </TableCell>
    </TableRow>
  );
}

/**
 * The "Revisions" section: each cluster's istiod revisions with their version, istiod status and
 * connected proxies, and while two revisions run, how far proxies have moved to the newer one.
 * Revision tags are not in Prometheus, so they are not shown here.
 */
export function MeshRevisionsTable({
  clusters,
}: {
  clusters: ClusterHealth[];
}) {
  return (
    <Table size="small" aria-label="Mesh revisions">
      <TableHead>
        <TableRow>
          <TableCell>Cluster</TableCell>
          {columns.map(([title]) => (
            <TableCell key={title}>{title}</TableCell>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>
        {clusters.map(cluster => {
          const revisions = cluster.controlPlane.revisions ?? [];
          const progress = upgradeProgress(revisions);
          return (
            <Fragment key={cluster.name}>
              {revisions.map((revision, i) => (
                <TableRow key={revision.revision}>
                  <TableCell>{i === 0 ? cluster.name : ''}</TableCell>
                  {columns.map(([title, render]) => (
                    <TableCell key={title}>{render(revision)}</TableCell>
                  ))}
                </TableRow>
              ))}
              {progress && (
                <ProgressRow cluster={cluster.name} progress={progress} />
              )}
            </Fragment>
          );
        })}
      </TableBody>
    </Table>
  );
}
