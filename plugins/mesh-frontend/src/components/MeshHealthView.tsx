import { Progress } from '@backstage/core-components';
import { Alert } from '@backstage/ui';
import { MeshHealthState } from '../hooks/useMeshHealth';
import { MeshEmptyState } from './MeshEmptyState';
import { MeshHealthTable } from './MeshHealthTable';

/**
 * Every state in one place: loading, error, empty, stale (old data kept on screen), data. Problems show
 * in Backstage UI's Alert: core-components' panels fold their details in Material UI v4's Accordion,
 * whose ButtonBase calls ReactDOM.findDOMNode, which React 18.3 deprecates.
 */
export function MeshHealthView({
  state,
  dense,
}: {
  state: MeshHealthState;
  dense?: boolean;
}) {
  const { value, error, loading, stale } = state;
  if (!value) {
    if (error) {
      return (
        <Alert
          role="alert"
          status="danger"
          icon
          title="Could not load mesh health"
          description={error.message}
        />
      );
    }
    return loading ? <Progress /> : null;
  }
  const observed = value.clusters.map(c => c.observedAt).sort()[0];
  return (
    <>
      {stale && (
        <Alert
          role="status"
          status="warning"
          icon
          title={`Stale: showing data observed at ${
            observed
              ? new Date(observed).toLocaleTimeString()
              : 'an unknown time'
          }`}
          description={
            error
              ? `Refreshing failed: ${error.message}`
              : 'The backend has not returned newer data.'
          }
        />
      )}
      {value.clusters.length === 0 ? (
        <MeshEmptyState clusterNames={value.scope?.clusterNames ?? []} />
      ) : (
        <MeshHealthTable clusters={value.clusters} dense={dense} />
      )}
    </>
  );
}
