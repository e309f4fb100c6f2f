import {
  changeMeshFormData,
  MESH_CLUSTER_TEMPLATE,
} from './changeMeshFormData';
import { CommittedSpecTemplateButton } from './CommittedSpecTemplateButton';

/**
 * "Change mesh": opens the Create mesh cluster form prefilled with the cluster's committed spec.
 * The run then updates the cluster's branch and pull request.
 */
export function ChangeMeshButton() {
  return (
    <CommittedSpecTemplateButton
      label="Change mesh"
      template={MESH_CLUSTER_TEMPLATE}
      formData={changeMeshFormData}
    />
  );
}
