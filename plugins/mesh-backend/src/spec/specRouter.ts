import {
  HttpAuthService,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import { ScmIntegrationRegistry } from '@backstage/integration';
import { CatalogService } from '@backstage/plugin-catalog-node';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { entityForRequest, parseQuery } from '../service/requestInput';
import { readSpecDocument } from './readSpecDocument';
import { resolveSpecLocation, SpecLocation } from './specLocation';

const specQuery = z.object({ entityRef: z.string().min(1).max(512) }).strict();

export interface SpecRouterOptions {
  httpAuth: HttpAuthService;
  catalog: CatalogService;
  urlReader: UrlReaderService;
  integrations: ScmIntegrationRegistry;
}

/** What the browser is told about where the spec came from: never userinfo or a query string. */
function describeLocation(location: SpecLocation): string {
  if (location.type === 'file') return `file:${location.target}`;
  const url = new URL(location.target);
  url.username = '';
  url.password = '';
  url.search = '';
  return `url:${url.toString()}`;
}

/**
 * `GET /spec?entityRef=`: the committed spec of a cluster entity, for "Change mesh". The entity is
 * loaded with the caller's credentials, so the catalog's permissions decide who may read it; the
 * document is read with the backend's integrations, so the browser never holds a token.
 */
export function createSpecRouter(options: SpecRouterOptions): express.Router {
  const { httpAuth, catalog, urlReader, integrations } = options;
  const router = Router();
  router.get('/spec', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const { entityRef } = parseQuery(specQuery, req.query);
    const entity = await entityForRequest(catalog, entityRef, credentials);
    const location = resolveSpecLocation(entity, integrations);
    const spec = await readSpecDocument(location, urlReader);
    res.json({ spec, location: describeLocation(location) });
  });
  return router;
}
