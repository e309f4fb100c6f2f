import { stringifyEntityRef } from '@backstage/catalog-model';
import { InfoCard } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import { useMeshHealth } from '../hooks/useMeshHealth';
import { MeshHealthView } from './MeshHealthView';
import { ChangeMeshButton } from './ChangeMeshButton';
import { RefreshButton } from './RefreshButton';

/** Entity overview card: the entity's clusters at a glance. @public */
export function EntityMeshHealthCard({
  changeMesh = false,
}: {
  /** Offer "Change mesh" (new frontend system only: it links to the scaffolder through a bound route). */
  changeMesh?: boolean;
}) {
  const { entity } = useEntity();
  const state = useMeshHealth(stringifyEntityRef(entity));
  return (
    <InfoCard
      title="Mesh health"
      action={
        <>
          {changeMesh && <ChangeMeshButton />}
          <RefreshButton onClick={state.refresh} disabled={state.loading} />
        </>
      }
    >
      <MeshHealthView state={state} dense />
    </InfoCard>
  );
}
