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

/** How often the scaffolder's task broker polls a task's events (its `event$` loop). */
const SCAFFOLDER_EVENT_POLL_MS = 1000;

/**
 * The scaffolder's task broker follows each task's events in a loop that sleeps a second between
 * polls and checks whether it was unsubscribed only after the sleep, with a timer that holds the
 * process. A task that completed just before the backend stopped is seen at the next poll, so its
 * loop ends within two intervals; waiting them out lets the test process exit on its own instead
 * of jest force-exiting its worker ("failed to exit gracefully").
 */
function scaffolderEventPollsSettled(): Promise<void> {
  return new Promise(resolve =>
    setTimeout(resolve, 2 * SCAFFOLDER_EVENT_POLL_MS + 100),
  );
}

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
      await scaffolderEventPollsSettled();
    },
  };
}
