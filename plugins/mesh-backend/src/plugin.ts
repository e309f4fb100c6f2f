import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import {
  meshHealthPermissions,
  meshRunPermissions,
} from '@mesh-templates/plugin-mesh-common';
import { DatabaseFanOutLease } from './cache/FanOutLease';
import { DEFAULT_MAX_BUFFERED_ANSWERS } from './config/MeshConfig';
import { readMeshConfig } from './config/readMeshConfig';
import { MeshHealthService } from './health/MeshHealthService';
import { bufferedAnswerLimit } from './prometheus/httpTransport';
import { MeshRunStore } from './runs/MeshRunStore';
import { readRunStoreConfig } from './runs/readRunStoreConfig';
import { createRunsRouter } from './runs/runsRouter';
import { scheduleRunCleanup } from './runs/scheduleRunCleanup';
import { createRouter } from './service/router';
import { createSpecRouter } from './spec/specRouter';
import { ScmIntegrations } from '@backstage/integration';

/**
 * Mesh health from Prometheus at `/api/mesh/health`, the upgrade health gate at
 * `/api/mesh/upgrade-gate`, and template runs' rendered bundles at
 * `/api/mesh/runs`.
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
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        database: coreServices.database,
        cache: coreServices.cache,
        scheduler: coreServices.scheduler,
        catalog: catalogServiceRef,
        urlReader: coreServices.urlReader,
      },
      async init(deps) {
        const { config, logger, httpRouter, httpAuth, catalog } = deps;
        const meshConfig = readMeshConfig(config);
        // One bound for the whole process, shared by every transport: set once, from config.
        bufferedAnswerLimit.setCapacity(
          meshConfig.maxBufferedAnswers ?? DEFAULT_MAX_BUFFERED_ANSWERS,
        );
        // Replicas share answers through the cache and agree on who fans out through the database.
        const health = MeshHealthService.fromConfig(meshConfig, {
          cache: deps.cache,
          lease: await DatabaseFanOutLease.create(
            await deps.database.getClient(),
          ),
        });
        // Names only: the config also holds tokens, which must never reach a log.
        logger.info(
          `Mesh health for ${meshConfig.clusters.length} cluster(s): ${
            meshConfig.clusters.map(c => c.name).join(', ') || 'none configured'
          }`,
        );

        const runsConfig = readRunStoreConfig(config);
        const store = await MeshRunStore.create(deps.database);
        await scheduleRunCleanup({
          scheduler: deps.scheduler,
          store,
          config: runsConfig,
          logger,
        });
        deps.permissionsRegistry.addPermissions([
          ...meshHealthPermissions,
          ...meshRunPermissions,
        ]);
        const runs = createRunsRouter({
          httpAuth,
          permissions: deps.permissions,
          catalog,
          store,
          config: runsConfig,
        });

        httpRouter.use(
          await createRouter({
            config,
            logger,
            httpAuth,
            permissions: deps.permissions,
            catalog,
            health,
            upgradeGate: meshConfig.upgradeGate,
            routes: [
              runs,
              createSpecRouter({
                httpAuth,
                catalog,
                urlReader: deps.urlReader,
                integrations: ScmIntegrations.fromConfig(config),
              }),
            ],
          }),
        );
      },
    });
  },
});
