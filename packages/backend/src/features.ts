import appBackend from '@backstage/plugin-app-backend';
import authBackend from '@backstage/plugin-auth-backend';
import guestAuthProvider from '@backstage/plugin-auth-backend-module-guest-provider';
import catalogBackend from '@backstage/plugin-catalog-backend';
import catalogScaffolderEntityModel from '@backstage/plugin-catalog-backend-module-scaffolder-entity-model';
import kubernetesBackend from '@backstage/plugin-kubernetes-backend';
import permissionBackend from '@backstage/plugin-permission-backend';
import scaffolderBackend from '@backstage/plugin-scaffolder-backend';
import scaffolderGithub from '@backstage/plugin-scaffolder-backend-module-github';
import scaffolderGitlab from '@backstage/plugin-scaffolder-backend-module-gitlab';
import meshBackend from '@mesh-templates/plugin-mesh-backend';
import meshScaffolderModule, {
  meshPermissionPolicyModule,
} from '@mesh-templates/plugin-scaffolder-backend-module-mesh';

/**
 * The permission policy: everything allowed except mesh.cluster.apply, which only clusters
 * annotated for direct apply allow; `permission.meshPolicy.allowAll` (the demo's app-config.yaml)
 * allows everything. See README, "Security model".
 */
export const permissionPolicy = meshPermissionPolicyModule;

/**
 * Every feature the backend runs, in one list, so tests boot exactly what production boots.
 */
export const backendFeatures = [
  // Serves the built frontend in production builds; in development the app has its own dev server.
  appBackend,
  authBackend,
  // Guest sign-in for local use only; production installs configure a real provider.
  guestAuthProvider,
  catalogBackend,
  // Lets the catalog ingest Template entities such as "Create mesh cluster".
  catalogScaffolderEntityModel,
  scaffolderBackend,
  scaffolderGithub,
  scaffolderGitlab,
  // The mesh:* actions: render, validate, GitOps pull request, apply.
  meshScaffolderModule,
  // Clusters come from `kubernetes.clusterLocatorMethods`; the mesh actions reuse that block.
  kubernetesBackend,
  permissionBackend,
  permissionPolicy,
  // Mesh health from Prometheus at /api/mesh/health; clusters come from the `mesh` config block.
  meshBackend,
];
