import { Link } from '@backstage/core-components';
import { ClusterLinks as Links } from '@mesh-templates/plugin-mesh-common';

const LABELS: Array<[keyof Links, string]> = [
  ['kiali', 'Kiali'],
  ['grafana', 'Grafana'],
  ['tracing', 'Tracing'],
];

export function ClusterLinks({ links }: { links: Links }) {
  const present = LABELS.filter(([key]) => links[key]);
  if (present.length === 0) return null;
  return (
    <span>
      {present.map(([key, label], i) => (
        <span key={key}>
          {i > 0 && ' · '}
          <Link to={links[key]!}>{label}</Link>
        </span>
      ))}
    </span>
  );
}
