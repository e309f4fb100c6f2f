import { loadConfig } from '@backstage/config-loader';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { JsonObject } from '@backstage/types';
import path from 'node:path';
import { backendFeatures } from '../features';

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

/** Boots every feature of the real backend with the given config on a free port. */
export async function startMeshBackend(options: {
  config: JsonObject;
  extraFeatures?: Parameters<typeof startTestBackend>[0]['features'];
}) {
  return startTestBackend({
    features: [
      mockServices.rootConfig.factory({ data: options.config }),
      ...backendFeatures,
      ...(options.extraFeatures ?? []),
    ],
  });
}
