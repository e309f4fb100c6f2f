import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { ClusterHealth } from '@mesh-templates/plugin-mesh-common';
import { ReactNode } from 'react';
import { NO_DATA } from './format';

function day(iso: string | null): string {
  return iso ? iso.slice(0, 10) : NO_DATA;
}

/** "in 5 days" / "3 days ago", counted from when the backend looked. */
function relative(iso: string | null, observedAt: string): string {
  if (!iso) return '';
  const days = Math.round(
    (Date.parse(iso) - Date.parse(observedAt)) / 86_400_000,
  );
  return days >= 0 ? `in ${days} days` : `${-days} days ago`;
}

function Dated({
  iso,
  observedAt,
}: {
  iso: string | null;
  observedAt: string;
}) {
  return (
    <>
      {day(iso)}
      {iso && (
        <Typography variant="caption" component="div" color="textSecondary">
          {relative(iso, observedAt)}
        </Typography>
      )}
    </>
  );
}

function drift(cluster: ClusterHealth): ReactNode {
  const d = cluster.drift;
  if (!d) return NO_DATA;
  const expected = [
    d.expected.version,
    d.expected.revision && `revision ${d.expected.revision}`,
  ]
    .filter(Boolean)
    .join(', ');
  return d.drifted ? (
    <strong>Git says {expected}; drift</strong>
  ) : (
    `matches Git (${expected})`
  );
}

const columns: Array<[string, (c: ClusterHealth) => ReactNode]> = [
  ['Cluster', c => <strong>{c.name}</strong>],
  [
    'Root CA expires',
    c => <Dated iso={c.certificates.rootExpiresAt} observedAt={c.observedAt} />,
  ],
  [
    'istiod certificate expires',
    c => (
      <Dated iso={c.certificates.istiodExpiresAt} observedAt={c.observedAt} />
    ),
  ],
  [
    'Istio end of life',
    c => (
      <Dated
        iso={c.endOfLife && `${c.endOfLife}T00:00:00.000Z`}
        observedAt={c.observedAt}
      />
    ),
  ],
  ['Revisions', c => c.revisions.join(', ') || NO_DATA],
  [
    'ztunnel',
    c =>
      c.ztunnel
        ? `${c.ztunnel.up}/${c.ztunnel.nodes} nodes up, ${c.ztunnel.versions
            .map(v => v.version)
            .join(', ')}`
        : 'no ambient',
  ],
  ['Spec in Git', drift],
];

/**
 * What breaks next, per cluster: certificate expiry, the Istio line's end of life, revisions, ambient's
 * ztunnel and drift from the committed spec. The reasons in the health table say why a status dropped.
 */
export function MeshLifecycleTable({
  clusters,
}: {
  clusters: ClusterHealth[];
}) {
  return (
    <Table size="small" aria-label="Mesh lifecycle">
      <TableHead>
        <TableRow>
          {columns.map(([title]) => (
            <TableCell key={title}>{title}</TableCell>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>
        {clusters.map(cluster => (
          <TableRow key={cluster.name}>
            {columns.map(([title, render]) => (
              <TableCell key={title}>{render(cluster)}</TableCell>
            ))}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
