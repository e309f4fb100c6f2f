import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import type { MeshRunUpload } from '@mesh-templates/plugin-mesh-common';

/** Where the render step keeps a run's bundle after the task workspace is gone. */
export interface RunBundleStore {
  store(upload: MeshRunUpload): Promise<void>;
}

/**
 * The mesh backend plugin keeps run bundles (its own tables, its own cleanup); this hands one over
 * backend to backend: discovery finds the plugin, and the token is the scaffolder's own service
 * credentials aimed at `mesh`, so the mesh backend can tell the scaffolder from any other caller.
 */
export function createMeshBackendRunStore(deps: {
  auth: AuthService;
  discovery: DiscoveryService;
}): RunBundleStore {
  return {
    async store(upload) {
      const baseUrl = await deps.discovery.getBaseUrl('mesh');
      const { token } = await deps.auth.getPluginRequestToken({
        onBehalfOf: await deps.auth.getOwnServiceCredentials(),
        targetPluginId: 'mesh',
      });
      const response = await fetch(`${baseUrl}/runs`, {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${token}`,
          'Content-Type': 'application/json',
        },
        body: JSON.stringify(upload),
      });
      if (!response.ok) throw await ResponseError.fromResponse(response);
    },
  };
}
