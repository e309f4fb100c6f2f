import {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  defaultUpgradeGateThresholds,
  UpgradeGateThresholds,
} from '@mesh-templates/plugin-mesh-common';
import Router from 'express-promise-router';
import { z } from 'zod';
import { parseQuery } from '../service/requestInput';
import { MeshHealthService } from '../health/MeshHealthService';
import { readableClusterNames } from '../service/authorizeHealthRead';
import { readUpgradeGate } from './readUpgradeGate';

/** Revision names are `istio.io/rev` label values: DNS-1123 labels. */
const revision = z
  .string()
  .regex(
    /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/,
    'must be an istio.io/rev value',
  );

const gateQuery = z
  .object({
    cluster: z.string().min(1).max(63),
    stage: z.enum(['promote', 'cleanup']),
    from: revision,
    to: revision,
  })
  .strict();

/**
 * `GET /upgrade-gate?cluster=&stage=&from=&to=`: may an Istio upgrade go on to `stage`? Meant for
 * the scaffolder's upgrade action (service credentials); users may ask for clusters whose health
 * they may read. Refusals are an answer (200, `allowed: false`), not an error.
 */
export function createUpgradeGateRouter(options: {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  catalog: CatalogService;
  health: MeshHealthService;
  /** Default: the default health thresholds' (readMeshConfig always sets them from config). */
  thresholds?: UpgradeGateThresholds;
}) {
  const { httpAuth, permissions, catalog, health } = options;
  const thresholds = options.thresholds ?? defaultUpgradeGateThresholds();
  const router = Router();
  router.get('/upgrade-gate', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['service', 'user'],
    });
    const query = parseQuery(gateQuery, req.query);
    const readable = await readableClusterNames({
      permissions,
      catalog,
      credentials,
    });
    if (readable && !readable.includes(query.cluster)) {
      throw new NotAllowedError(
        `Reading mesh health of ${query.cluster} is not permitted (mesh.health.read)`,
      );
    }
    res.json(await readUpgradeGate(health, thresholds, query));
  });
  return router;
}
