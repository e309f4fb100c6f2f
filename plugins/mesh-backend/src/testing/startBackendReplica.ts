import { resolvePackagePath } from '@backstage/backend-plugin-api';
import fs from 'node:fs';
import path from 'node:path';
import { freePort } from '@mesh-templates/plugin-mesh-common/testing';
import {
  answersOk,
  ownTempDir,
  spawnOwned,
  waitUntilReady,
} from './ownedProcess';

const PACKAGE = '@mesh-templates/plugin-mesh-backend';

export interface BackendReplica {
  /** Base URL of the mesh plugin's API, e.g. http://127.0.0.1:7123/api/mesh */
  meshUrl: string;
  pid: number;
  stop(): Promise<void>;
}

/**
 * One real backend process (`dev/startReplica.ts`: createBackend with the mesh plugin) on a free
 * 127.0.0.1 port, with `config` merged under `backend.baseUrl`/`backend.listen`. Stopped by PID.
 */
export async function startBackendReplica(
  config: Record<string, any>,
  options: { maxLifetimeSec?: number } = {},
): Promise<BackendReplica> {
  const dir = ownTempDir('mesh-backend-replica');
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const configFile = path.join(dir, 'app-config.yaml');
  const full = {
    ...config,
    backend: {
      ...config.backend,
      baseUrl,
      listen: { host: '127.0.0.1', port },
    },
  };
  // JSON is YAML; the file lives in the replica's own temp dir and goes with it.
  fs.writeFileSync(configFile, JSON.stringify(full));
  const replica = spawnOwned(
    process.execPath,
    [
      '--require',
      require.resolve('@backstage/cli/config/nodeTransform.cjs'),
      resolvePackagePath(PACKAGE, 'dev/startReplica.ts'),
      '--config',
      configFile,
    ],
    {
      dir,
      maxLifetimeSec: options.maxLifetimeSec,
      // Backstage finds the repository root from the working directory.
      cwd: resolvePackagePath(PACKAGE),
    },
  );
  await waitUntilReady(
    replica,
    'backend replica',
    answersOk(`${baseUrl}/.backstage/health/v1/readiness`),
    120_000,
  );
  return {
    meshUrl: `${baseUrl}/api/mesh`,
    pid: replica.pid,
    stop: replica.stop,
  };
}
