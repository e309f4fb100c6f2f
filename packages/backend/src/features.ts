import appBackend from '@backstage/plugin-app-backend';
import authBackend from '@backstage/plugin-auth-backend';
import guestAuthProvider from '@backstage/plugin-auth-backend-module-guest-provider';
import catalogBackend from '@backstage/plugin-catalog-backend';
import catalogScaffolderEntityModel from '@backstage/plugin-catalog-backend-module-scaffolder-entity-model';
import kubernetesBackend from '@backstage/plugin-kubernetes-backend';
import permissionBackend from '@backstage/plugin-permission-backend';
import allowAllPermissionPolicy from '@backstage/plugin-permission-backend-module-allow-all-policy';
import scaffolderBackend from '@backstage/plugin-scaffolder-backend';
import scaffolderGithub from '@backstage/plugin-scaffolder-backend-module-github';
import scaffolderGitlab from '@backstage/plugin-scaffolder-backend-module-gitlab';
import meshBackend from '@mesh-templates/plugin-mesh-backend';
import meshScaffolderModule from '@mesh-templates/plugin-scaffolder-backend-module-mesh';

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
  // Allows every request: suitable for a local demo only (see README, "Permissions").
  allowAllPermissionPolicy,
  // Mesh health from Prometheus at /api/mesh/health; clusters come from the `mesh` config block.
  meshBackend,
];
