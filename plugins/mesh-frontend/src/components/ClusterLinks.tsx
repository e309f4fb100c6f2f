import { Link } from '@backstage/ui';
import { ClusterLinks as Links } from '@mesh-templates/plugin-mesh-common';

const LABELS: Array<[keyof Links, string]> = [
  ['kiali', 'Kiali'],
  ['grafana', 'Grafana'],
  ['tracing', 'Tracing'],
];

/**
 * Backstage UI's Link: core-components' Link renders Material UI v4's, whose focus tracking calls
 * ReactDOM.findDOMNode, which React 18.3 deprecates. These are external tools, so a new tab.
 */
export function ClusterLinks({ links }: { links: Links }) {
  const present = LABELS.filter(([key]) => links[key]);
  if (present.length === 0) return null;
  return (
    <span>
      {present.map(([key, label], i) => (
        <span key={key}>
          {i > 0 && ' · '}
          <Link href={links[key]!} target="_blank" rel="noopener noreferrer">
            {label}
          </Link>
        </span>
      ))}
    </span>
  );
}
