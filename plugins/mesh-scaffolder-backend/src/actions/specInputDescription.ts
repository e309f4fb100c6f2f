/** Shared description of the `spec` input of the mesh actions. */
export const specInputDescription =
  'The MeshClusterSpec: the "Create mesh cluster" form values, sections mesh, cluster, istio, ' +
  'multiCluster, eastWestGateway, ingressGateway, observability, policy and gitops. Omitted ' +
  'fields take defaults that give a working single-cluster mesh; errors name the field.';
