import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import catalogGraphPlugin from '@backstage/plugin-catalog-graph/alpha';
import orgPlugin from '@backstage/plugin-org/alpha';
import scaffolderPlugin from '@backstage/plugin-scaffolder/alpha';
import userSettingsPlugin from '@backstage/plugin-user-settings/alpha';
import meshPlugin from '@mesh-templates/plugin-mesh/alpha';
import { navModule } from './modules/nav';
import { signInModule } from './modules/signIn';

// Features are listed rather than discovered: discovery (`app.packages: all`) does not resolve
// packages installed by npm workspaces.
export default createApp({
  features: [
    catalogPlugin,
    catalogGraphPlugin,
    orgPlugin,
    scaffolderPlugin,
    userSettingsPlugin,
    // Mesh health card on the overview and the Mesh tab of clusters and Components.
    meshPlugin,
    navModule,
    signInModule,
  ],
  bindRoutes({ bind }) {
    // "Change mesh" opens the Create mesh cluster template's form, prefilled.
    bind(meshPlugin.externalRoutes, {
      meshClusterTemplate: scaffolderPlugin.routes.selectedTemplate,
    });
  },
});
