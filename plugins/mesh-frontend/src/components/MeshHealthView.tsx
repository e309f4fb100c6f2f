import {
  Progress,
  ResponseErrorPanel,
  WarningPanel,
} from '@backstage/core-components';
import { MeshHealthState } from '../hooks/useMeshHealth';
import { MeshEmptyState } from './MeshEmptyState';
import { MeshHealthTable } from './MeshHealthTable';

/** Every state in one place: loading, error, empty, stale (old data kept on screen), data. */
export function MeshHealthView({
  state,
  dense,
}: {
  state: MeshHealthState;
  dense?: boolean;
}) {
  const { value, error, loading, stale } = state;
  if (!value) {
    if (error) return <ResponseErrorPanel error={error} />;
    return loading ? <Progress /> : null;
  }
  const observed = value.clusters.map(c => c.observedAt).sort()[0];
  return (
    <>
      {stale && (
        <WarningPanel
          severity="warning"
          title={`Stale: showing data observed at ${
            observed
              ? new Date(observed).toLocaleTimeString()
              : 'an unknown time'
          }`}
          message={
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
