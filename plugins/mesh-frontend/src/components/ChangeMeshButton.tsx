import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApiHolder, useRouteRef } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { Button } from '@backstage/ui';
import Typography from '@material-ui/core/Typography';
import { MESH_SPEC_LOCATION_ANNOTATION } from '@mesh-templates/plugin-mesh-common';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { meshSpecApiRef } from '../api/MeshSpecApi';
import { meshClusterTemplateRouteRef } from '../routes';
import {
  changeMeshFormData,
  MESH_CLUSTER_TEMPLATE,
} from './changeMeshFormData';

/**
 * "Change mesh" on a cluster whose catalog entity names its committed spec: reads the spec through
 * the mesh backend and opens the Create mesh cluster form prefilled with it. The run then updates
 * the cluster's branch and pull request.
 */
export function ChangeMeshButton() {
  const { entity } = useEntity();
  // Optional: an app (or test) without the spec API or the scaffolder simply shows no button.
  const specApi = useApiHolder().get(meshSpecApiRef);
  const templateLink = useRouteRef(meshClusterTemplateRouteRef);
  const navigate = useNavigate();
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<Error>();
  if (
    !specApi ||
    !templateLink ||
    !entity.metadata.annotations?.[MESH_SPEC_LOCATION_ANNOTATION]
  ) {
    return null;
  }
  const open = async () => {
    setLoading(true);
    setError(undefined);
    try {
      const { spec } = await specApi.getCommittedSpec(
        stringifyEntityRef(entity),
      );
      const query = new URLSearchParams({ formData: changeMeshFormData(spec) });
      navigate(`${templateLink(MESH_CLUSTER_TEMPLATE)}?${query}`);
    } catch (e) {
      setError(e as Error);
      setLoading(false);
    }
  };
  return (
    <>
      <Button variant="secondary" onPress={open} loading={loading}>
        Change mesh
      </Button>
      {error && (
        <Typography color="error" variant="body2" role="alert">
          Could not read the committed spec: {error.message}
        </Typography>
      )}
    </>
  );
}
