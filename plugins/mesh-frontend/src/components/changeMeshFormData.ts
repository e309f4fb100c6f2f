import {
  MeshClusterSpec,
  templateFormValues,
} from '@mesh-templates/plugin-mesh-common';

/** The Create mesh cluster template, which "Change mesh" opens. */
export const MESH_CLUSTER_TEMPLATE = {
  namespace: 'default',
  templateName: 'create-mesh-cluster',
};

/**
 * The template wizard's `formData` query value for a committed spec: the form's values, and the
 * spec itself as the Delivery page's hidden `committedSpec`, from which the render step says what
 * the change does (also in a dry-run, which cannot read the repository).
 */
export function changeMeshFormData(spec: MeshClusterSpec): string {
  return JSON.stringify({
    ...templateFormValues(spec),
    delivery: { committedSpec: spec },
  });
}
