import {
  HttpAuthService,
  LoggerService,
  PermissionsService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  MeshHealthResponse,
  UpgradeGateThresholds,
} from '@mesh-templates/plugin-mesh-common';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { entityForRequest, parseQuery } from './requestInput';
import { MeshHealthService } from '../health/MeshHealthService';
import {
  readableClusterNames,
  requireEntityHealthRead,
} from './authorizeHealthRead';
import { resolveEntityScope } from './resolveEntityScope';
import { createUpgradeGateRouter } from '../upgrade/upgradeGateRouter';

const healthQuery = z
  .object({ entityRef: z.string().min(1).max(512).optional() })
  .strict();

export interface RouterOptions {
  config: RootConfigService;
  logger: LoggerService;
  httpAuth: HttpAuthService;
  /** Decides `mesh.health.read` per entity, or for the all-clusters view. */
  permissions: PermissionsService;
  catalog: CatalogService;
  health: MeshHealthService;
  /** Limits of `GET /upgrade-gate`; default the default health thresholds'. */
  upgradeGate?: UpgradeGateThresholds;
  /** Further routes (the template runs' bundles), mounted before the error handler. */
  routes?: express.Router[];
}

/**
 * `GET /health[?entityRef=]`: the browser names an entity at most; the backend owns every query.
 * `GET /upgrade-gate`: the same health, judged for an Istio upgrade's next stage.
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, permissions, catalog, health } = options;
  const router = Router();

  router.get('/health', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const query = parseQuery(healthQuery, req.query);
    let body: MeshHealthResponse;
    if (query.entityRef) {
      const entity = await entityForRequest(
        catalog,
        query.entityRef,
        credentials,
      );
      await requireEntityHealthRead(
        permissions,
        credentials,
        stringifyEntityRef(entity),
      );
      const { scope, clusterNames, expected } = resolveEntityScope(entity);
      body = {
        clusters: await health.getHealth({
          clusterNames,
          workload: scope.workload,
          expected,
        }),
        scope: clusterNames
          ? scope
          : { ...scope, clusterNames: health.configuredClusterNames() },
      };
    } else {
      const clusterNames = await readableClusterNames({
        permissions,
        catalog,
        credentials,
      });
      body = { clusters: await health.getHealth({ clusterNames }) };
    }
    res.json(body);
  });

  router.use(
    createUpgradeGateRouter({ ...options, thresholds: options.upgradeGate }),
  );
  for (const routes of options.routes ?? []) router.use(routes);
  router.use(MiddlewareFactory.create(options).error());
  return router;
}
