import {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  describeCredentialLikeContent,
  findCredentialLikeContent,
  MeshRun,
} from '@mesh-templates/plugin-mesh-common';
import express from 'express';
import Router from 'express-promise-router';
import { durationToMilliseconds } from '@backstage/types';
import { requireRunReader, requireRunReadPermission } from './authorizeRunRead';
import { MeshRunStore } from './MeshRunStore';
import { createRunArchive } from './runArchive';
import { RunStoreConfig } from './readRunStoreConfig';
import { runUploadSchema } from './uploadSchema';

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
  const { httpAuth, permissions, catalog, store, config } = options;
  const now = options.now ?? (() => new Date());
  const router = Router();
  // JSON escaping can double a file's size; the bound on contents is checked after parsing.
  const bodyLimit = config.maxBundleBytes * 2 + 1024 * 1024;

  router.post('/runs', express.json({ limit: bodyLimit }), async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['service'] });
    if (credentials.principal.subject !== uploaderSubject) {
      throw new NotAllowedError('Only the scaffolder stores run bundles');
    }
    const parsed = runUploadSchema.safeParse(req.body);
    if (!parsed.success) {
      throw new InputError(
        `Invalid run bundle: ${parsed.error.issues
          .map(i => `${i.path.join('.') || 'body'}: ${i.message}`)
          .join('; ')}`,
      );
    }
    const upload = parsed.data;
    const bytes = upload.files.reduce(
      (sum, f) => sum + Buffer.byteLength(f.content, 'utf8'),
      0,
    );
    if (bytes > config.maxBundleBytes) {
      throw new InputError(
        `The bundle of run ${upload.taskId} has ${bytes} bytes, more than mesh.runs.maxBundleBytes (${config.maxBundleBytes})`,
      );
    }
    const findings = findCredentialLikeContent(upload.files);
    if (findings.length > 0) {
      throw new InputError(
        `Refusing to store the bundle of run ${
          upload.taskId
        }: credential-like content in\n${describeCredentialLikeContent(
          findings,
        )}`,
      );
    }
    const storedAt = now();
    const expiresAt = new Date(
      storedAt.getTime() + durationToMilliseconds(config.retention),
    );
    await store.put(upload, { now: storedAt, expiresAt });
    res.status(201).json({ taskId: upload.taskId, expiresAt });
  });

  /** The run a reader may see, or the error that says why not. */
  async function readableRun(req: express.Request): Promise<MeshRun> {
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

  router.get('/runs/:taskId', async (req, res) => {
    res.json(await readableRun(req));
  });

  router.get('/runs/:taskId/files', async (req, res) => {
    const run = await readableRun(req);
    const path = typeof req.query.path === 'string' ? req.query.path : '';
    const [file] = path ? await store.readFiles(run.taskId, path) : [];
    if (!file) {
      throw new NotFoundError(`Run ${run.taskId} has no file ${path}`);
    }
    res.json(file);
  });

  router.get('/runs/:taskId/bundle.tar.gz', async (req, res) => {
    const run = await readableRun(req);
    const files = await store.readFiles(run.taskId);
    const archive = await createRunArchive(files, new Date(run.createdAt));
    res
      .status(200)
      .type('application/gzip')
      .attachment(`mesh-bundle-${run.taskId}.tar.gz`)
      .send(archive);
  });

  return router;
}
