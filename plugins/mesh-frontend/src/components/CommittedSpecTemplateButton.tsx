import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApiHolder, useRouteRef } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { Button } from '@backstage/ui';
import Typography from '@material-ui/core/Typography';
import {
  MESH_SPEC_LOCATION_ANNOTATION,
  MeshClusterSpec,
} from '@mesh-templates/plugin-mesh-common';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { meshSpecApiRef } from '../api/MeshSpecApi';
import { meshClusterTemplateRouteRef } from '../routes';
import { TemplateRef } from './changeMeshFormData';

/**
 * A button on a cluster whose catalog entity names its committed spec: reads the spec through the
 * mesh backend and opens a template's form prefilled from it ("Change mesh", "Upgrade Istio").
 */
export function CommittedSpecTemplateButton(props: {
  label: string;
  template: TemplateRef;
  /** The wizard's `formData` query value for the spec of the entity `entityRef`. */
  formData: (spec: MeshClusterSpec, entityRef: string) => string;
}) {
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
      const entityRef = stringifyEntityRef(entity);
      const { spec } = await specApi.getCommittedSpec(entityRef);
      const query = new URLSearchParams({
        formData: props.formData(spec, entityRef),
      });
      navigate(`${templateLink(props.template)}?${query}`);
    } catch (e) {
      setError(e as Error);
      setLoading(false);
    }
  };
  return (
    <>
      <Button variant="secondary" onPress={open} loading={loading}>
        {props.label}
      </Button>
      {error && (
        <Typography color="error" variant="body2" role="alert">
          Could not read the committed spec: {error.message}
        </Typography>
      )}
    </>
  );
}
