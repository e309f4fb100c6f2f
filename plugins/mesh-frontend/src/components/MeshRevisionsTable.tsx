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
  MeshClusterSpec,
  RevisionHealth,
  revisionTagTargets,
} from '@mesh-templates/plugin-mesh-common';
import { Fragment, ReactNode } from 'react';
import { CommittedSpecState } from '../hooks/useCommittedSpec';
import { NO_DATA } from './format';
import { UpgradeProgress, upgradeProgress } from './upgradeProgress';

/** Tags the committed spec points at each revision of a cluster; undefined when Git says nothing. */
type TagTargets = Record<string, string[]> | undefined;

const columns: Array<
  [string, (r: RevisionHealth, tags: TagTargets) => ReactNode]
> = [
  ['Revision', r => <strong>{r.revision}</strong>],
  ['Version', r => r.versions.join(', ') || NO_DATA],
  ['Tags', (r, tags) => (tags ? (tags[r.revision] ?? []).join(', ') : NO_DATA)],
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

/** The clusters a spec describes: its own and, in a multi-cluster mesh, every member. */
function describes(spec: MeshClusterSpec, cluster: string): boolean {
  return (
    spec.cluster.name === cluster ||
    spec.multiCluster.clusters.some(member => member.name === cluster)
  );
}

function tagsCaption(committedSpec: CommittedSpecState): string {
  switch (committedSpec.status) {
    case 'loaded':
      return 'Tags: from the committed spec (what Git says they point at; not read from the cluster)';
    case 'loading':
      return 'Tags: reading the committed spec…';
    case 'error':
      return `Tags: could not read the committed spec: ${committedSpec.error.message}`;
    default:
      return 'Tags: no committed spec for this entity';
  }
}

/**
 * The "Revisions" section: each cluster's istiod revisions with their version, the revision tags
 * the committed spec points at them, istiod status and connected proxies, and while two revisions
 * run, how far proxies have moved to the newer one. Tags are not in Prometheus: they come from
 * the spec in Git, so the caption says so.
 */
export function MeshRevisionsTable({
  clusters,
  committedSpec = { status: 'none' },
}: {
  clusters: ClusterHealth[];
  committedSpec?: CommittedSpecState;
}) {
  const spec =
    committedSpec.status === 'loaded' ? committedSpec.spec : undefined;
  const tagTargets = spec ? revisionTagTargets(spec) : undefined;
  return (
    <>
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
            const tags =
              spec && describes(spec, cluster.name) ? tagTargets : undefined;
            return (
              <Fragment key={cluster.name}>
                {revisions.map((revision, i) => (
                  <TableRow key={revision.revision}>
                    <TableCell>{i === 0 ? cluster.name : ''}</TableCell>
                    {columns.map(([title, render]) => (
                      <TableCell key={title}>
                        {render(revision, tags)}
                      </TableCell>
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
      <Typography variant="caption" color="textSecondary">
        {tagsCaption(committedSpec)}
      </Typography>
    </>
  );
}
