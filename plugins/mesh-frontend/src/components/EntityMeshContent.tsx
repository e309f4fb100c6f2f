import { stringifyEntityRef } from '@backstage/catalog-model';
import { Content, ContentHeader } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import { useEntity } from '@backstage/plugin-catalog-react';
import { useCommittedSpec } from '../hooks/useCommittedSpec';
import { useMeshHealth } from '../hooks/useMeshHealth';
import { MeshHealthView } from './MeshHealthView';
import { MeshLifecycleTable } from './MeshLifecycleTable';
import { MeshRevisionsTable } from './MeshRevisionsTable';
import { ChangeMeshButton } from './ChangeMeshButton';
import { RefreshButton } from './RefreshButton';
import { UpgradeIstioButton } from './UpgradeIstioButton';

/** The "Mesh" tab: every column, the reasons and the links. @public */
export function EntityMeshContent({
  changeMesh = false,
}: {
  /** Offer "Change mesh" and "Upgrade Istio" (new frontend system only: it links to the scaffolder through a bound route). */
  changeMesh?: boolean;
}) {
  const { entity } = useEntity();
  const state = useMeshHealth(stringifyEntityRef(entity));
  const committedSpec = useCommittedSpec(entity);
  const workload = state.value?.scope?.workload;
  return (
    <Content noPadding>
      <ContentHeader title="Mesh health">
        {changeMesh && <ChangeMeshButton />}
        {changeMesh && <UpgradeIstioButton />}
        <RefreshButton onClick={state.refresh} disabled={state.loading} />
      </ContentHeader>
      {workload && (
        <Typography variant="body2" paragraph>
          Traffic of workload {workload.id}
          {workload.namespace ? ` in namespace ${workload.namespace}` : ''};
          control plane figures cover the whole cluster.
        </Typography>
      )}
      <MeshHealthView state={state} />
      {state.value && state.value.clusters.length > 0 && (
        <>
          <ContentHeader title="Certificates, versions and drift" />
          <MeshLifecycleTable clusters={state.value.clusters} />
          <ContentHeader title="Revisions" />
          <MeshRevisionsTable
            clusters={state.value.clusters}
            committedSpec={committedSpec}
          />
        </>
      )}
    </Content>
  );
}
