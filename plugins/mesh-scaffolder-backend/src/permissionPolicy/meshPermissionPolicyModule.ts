import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { MeshPermissionPolicy } from './meshPermissionPolicy';

/**
 * Installs {@link MeshPermissionPolicy}. `permission.meshPolicy.allowAll: true` turns it into
 * allow-all for a local demo; without it, direct apply is denied unless the cluster allows it.
 */
export const meshPermissionPolicyModule = createBackendModule({
  pluginId: 'permission',
  moduleId: 'mesh-policy',
  register(env) {
    env.registerInit({
      deps: { policy: policyExtensionPoint, config: coreServices.rootConfig },
      async init({ policy, config }) {
        policy.setPolicy(
          new MeshPermissionPolicy({
            allowAll:
              config.getOptionalBoolean('permission.meshPolicy.allowAll') ??
              false,
          }),
        );
      },
    });
  },
});
