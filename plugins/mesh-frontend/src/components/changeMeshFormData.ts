import {
  MeshClusterSpec,
  templateFormValues,
} from '@mesh-templates/plugin-mesh-common';

/** A template's page, as the scaffolder's `selectedTemplate` route names it. */
export interface TemplateRef {
  namespace: string;
  templateName: string;
}

/** The Create mesh cluster template, which "Change mesh" opens. */
export const MESH_CLUSTER_TEMPLATE: TemplateRef = {
  namespace: 'default',
  templateName: 'create-mesh-cluster',
};

/** The Upgrade Istio template, which "Upgrade Istio" opens. */
export const UPGRADE_ISTIO_TEMPLATE: TemplateRef = {
  namespace: 'default',
  templateName: 'upgrade-istio',
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

/**
 * The Upgrade Istio form's `formData`: the cluster entity picked, and the committed spec the stage
 * starts from (hidden), which the render step also compares with to say what the stage changes.
 */
export function upgradeIstioFormData(
  spec: MeshClusterSpec,
  entityRef: string,
): string {
  return JSON.stringify({
    upgrade: { cluster: entityRef, committedSpec: spec },
  });
}
