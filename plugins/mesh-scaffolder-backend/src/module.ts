import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { ScmIntegrations } from '@backstage/integration';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { UpgradeGateClient } from '@mesh-templates/plugin-mesh-common';
import { createMeshBundleRenderAction } from './actions/bundleRender';
import { createMeshBackendRunStore } from './actions/bundleRenderRunStore';
import { createMeshBundleValidateAction } from './actions/bundleValidate';
import { createMeshClusterApplyAction } from './actions/clusterApply';
import { createMeshGitopsPullRequestAction } from './actions/gitopsPullRequest';
import { createMeshUpgradePlanAction } from './actions/upgradePlan';

/** Adds the mesh:* actions to the scaffolder. */
export const meshScaffolderModule = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'mesh',
  register(env) {
    env.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        config: coreServices.rootConfig,
        permissions: coreServices.permissions,
        auth: coreServices.auth,
        discovery: coreServices.discovery,
      },
      async init({ scaffolder, config, permissions, auth, discovery }) {
        // Hosts and credentials come from Backstage's own `integrations` block; clusters from
        // `kubernetes.clusterLocatorMethods`.
        const integrations = ScmIntegrations.fromConfig(config);
        scaffolder.addActions(
          // Each real run's bundle goes to the mesh backend, which serves it to the task page.
          createMeshBundleRenderAction({
            runStore: createMeshBackendRunStore({ auth, discovery }),
          }),
          createMeshBundleValidateAction(),
          createMeshGitopsPullRequestAction({ integrations }),
          createMeshClusterApplyAction({ config, permissions }),
          // The gate is asked with this plugin's own service token, never the user's.
          createMeshUpgradePlanAction({
            gate: new UpgradeGateClient({ auth, discovery }),
          }),
        );
      },
    });
  },
});
