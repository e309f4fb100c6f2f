import { stringifyEntityRef } from '@backstage/catalog-model';
import { InfoCard } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import { useMeshHealth } from '../hooks/useMeshHealth';
import { MeshHealthView } from './MeshHealthView';
import { RefreshButton } from './RefreshButton';

/** Entity overview card: the entity's clusters at a glance. @public */
export function EntityMeshHealthCard() {
  const { entity } = useEntity();
  const state = useMeshHealth(stringifyEntityRef(entity));
  return (
    <InfoCard
      title="Mesh health"
      action={
        <RefreshButton onClick={state.refresh} disabled={state.loading} />
      }
    >
      <MeshHealthView state={state} dense />
    </InfoCard>
  );
}
