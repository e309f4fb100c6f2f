import { CodeSnippet, EmptyState } from '@backstage/core-components';

function snippet(clusterNames: string[]): string {
  const names = clusterNames.length ? clusterNames : ['cluster-east'];
  return [
    'mesh:',
    '  clusters:',
    ...names.flatMap(name => [
      `    - name: ${name}`,
      '      prometheus:',
      `        url: http://prometheus.${name}.example.com:9090`,
      '        # token: ${PROMETHEUS_TOKEN}',
    ]),
  ].join('\n');
}

/** Shown when no configured cluster matches: says what to add to app-config.yaml. */
export function MeshEmptyState({ clusterNames }: { clusterNames: string[] }) {
  const missing = clusterNames.length ? ` for ${clusterNames.join(', ')}` : '';
  return (
    <EmptyState
      missing="info"
      title={`No mesh clusters configured${missing}`}
      description="The mesh backend reads each cluster's Istio metrics from Prometheus. Add the cluster to app-config.yaml:"
      action={
        <CodeSnippet
          language="yaml"
          text={snippet(clusterNames)}
          showCopyCodeButton
        />
      }
    />
  );
}
