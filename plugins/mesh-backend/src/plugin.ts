import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { readMeshConfig } from './config/readMeshConfig';
import { MeshHealthService } from './health/MeshHealthService';
import { createRouter } from './service/router';

/**
 * Mesh health from Prometheus at `/api/mesh/health`.
 *
 * @public
 */
export const meshPlugin = createBackendPlugin({
  pluginId: 'mesh',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        catalog: catalogServiceRef,
      },
      async init({ config, logger, httpRouter, httpAuth, catalog }) {
        const meshConfig = readMeshConfig(config);
        const health = MeshHealthService.fromConfig(meshConfig);
        // Names only: the config also holds tokens, which must never reach a log.
        logger.info(
          `Mesh health for ${meshConfig.clusters.length} cluster(s): ${
            meshConfig.clusters.map(c => c.name).join(', ') || 'none configured'
          }`,
        );
        httpRouter.use(
          await createRouter({ config, logger, httpAuth, catalog, health }),
        );
      },
    });
  },
});
