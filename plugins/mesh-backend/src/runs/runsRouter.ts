import {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { MeshRun } from '@mesh-templates/plugin-mesh-common';
import express from 'express';
import Router from 'express-promise-router';
import { durationToMilliseconds } from '@backstage/types';
import { requireRunReader, requireRunReadPermission } from './authorizeRunRead';
import { MeshRunStore } from './MeshRunStore';
import { createRunArchive } from './runArchive';
import { RunStoreConfig } from './readRunStoreConfig';
import { parseRunUpload } from './parseRunUpload';

export interface RunsRouterOptions {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  catalog: CatalogService;
  store: MeshRunStore;
  config: RunStoreConfig;
  now?: () => Date;
}

/** Only the scaffolder (its mesh:bundle:render step) hands bundles over. */
const uploaderSubject = 'plugin:scaffolder';

/**
 * `/runs`: the scaffolder stores a run's bundle (service to service); users list its files, read
 * one, or download the whole bundle as .tar.gz, behind Backstage auth and `mesh.run.read`.
 */
export function createRunsRouter(options: RunsRouterOptions): express.Router {
  const router = Router();
  addRunUploadRoute(router, options);
  addRunReadRoutes(router, options);
  return router;
}

function addRunUploadRoute(
  router: express.Router,
  options: RunsRouterOptions,
): void {
  const { httpAuth, store, config } = options;
  const now = options.now ?? (() => new Date());
  // JSON escaping can double a file's size; the bound on contents is checked after parsing.
  const bodyLimit = config.maxBundleBytes * 2 + 1024 * 1024;

  router.post('/runs', express.json({ limit: bodyLimit }), async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['service'] });
    if (credentials.principal.subject !== uploaderSubject) {
      throw new NotAllowedError('Only the scaffolder stores run bundles');
    }
    const upload = parseRunUpload(req.body, config.maxBundleBytes);
    const storedAt = now();
    const expiresAt = new Date(
      storedAt.getTime() + durationToMilliseconds(config.retention),
    );
    await store.put(upload, { now: storedAt, expiresAt });
    res.status(201).json({ taskId: upload.taskId, expiresAt });
  });
}

function addRunReadRoutes(
  router: express.Router,
  options: RunsRouterOptions,
): void {
  const { store } = options;

  router.get('/runs/:taskId', async (req, res) => {
    res.json(await readableRun(options, req));
  });

  router.get('/runs/:taskId/files', async (req, res) => {
    const run = await readableRun(options, req);
    const path = typeof req.query.path === 'string' ? req.query.path : '';
    const [file] = path ? await store.readFiles(run.taskId, path) : [];
    if (!file) {
      throw new NotFoundError(`Run ${run.taskId} has no file ${path}`);
    }
    res.json(file);
  });

  router.get('/runs/:taskId/bundle.tar.gz', async (req, res) => {
    const run = await readableRun(options, req);
    const files = await store.readFiles(run.taskId);
    const archive = await createRunArchive(files, new Date(run.createdAt));
    res
      .status(200)
      .type('application/gzip')
      .attachment(`mesh-bundle-${run.taskId}.tar.gz`)
      .send(archive);
  });
}

/** The run a reader may see, or the error that says why not. */
async function readableRun(
  options: RunsRouterOptions,
  req: express.Request,
): Promise<MeshRun> {
  const { httpAuth, permissions, catalog, store } = options;
  const credentials = await httpAuth.credentials(req, {
    allow: ['user', 'service'],
  });
  await requireRunReadPermission(permissions, credentials);
  const { taskId } = req.params;
  const found = await store.get(taskId);
  if (found.state === 'expired') {
    throw new NotFoundError(
      `The bundle of run ${taskId} expired on ${found.expiredAt.toISOString()} and was removed (bundles are kept for mesh.runs.retention); run the template again to render it anew`,
    );
  }
  if (found.state === 'unknown') {
    throw new NotFoundError(`No stored bundle for run ${taskId}`);
  }
  await requireRunReader(found.run, credentials, catalog);
  return found.run;
}
