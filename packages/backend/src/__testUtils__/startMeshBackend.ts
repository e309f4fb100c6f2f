import { loadConfig } from '@backstage/config-loader';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { JsonObject } from '@backstage/types';
import path from 'node:path';
import { backendFeatures } from '../features';
import { closingDatabaseService } from './closingDatabaseService';

export const repoRoot = path.resolve(__dirname, '../../../..');

/**
 * Loads the repository's own app-config.yaml (with environment substitution, as the real
 * backend does) and points its file locations at absolute paths, so tests see the real catalog.
 */
export async function loadRepoConfig(): Promise<JsonObject> {
  const { appConfigs } = await loadConfig({
    configRoot: repoRoot,
    configTargets: [{ path: path.join(repoRoot, 'app-config.yaml') }],
  });
  const data = appConfigs[0].data as any;
  data.catalog.locations = data.catalog.locations.map((l: any) => ({
    ...l,
    target: path.resolve(repoRoot, 'packages/backend', l.target),
  }));
  return data;
}

type BackendFeatures = Parameters<typeof startTestBackend>[0]['features'];

/**
 * Boots the given features (every feature of the real backend by default) with the given config on
 * a free port. `stop()` stops the whole backend, then lets go of the SQLite pools its own shutdown
 * leaves open; `server.stop()` alone would only close the HTTP server.
 */
export async function startMeshBackend(options: {
  config: JsonObject;
  features?: BackendFeatures;
  extraFeatures?: BackendFeatures;
}) {
  const database = closingDatabaseService();
  const backend = await startTestBackend({
    features: [
      mockServices.rootConfig.factory({ data: options.config }),
      database.factory,
      ...(options.features ?? backendFeatures),
      ...(options.extraFeatures ?? []),
    ],
  });
  return {
    server: backend.server,
    async stop() {
      await backend.stop();
      database.releaseAll();
    },
  };
}
