import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import { CommittedMeshSpec, MeshSpecApi } from './MeshSpecApi';

/** The MeshSpecApi over HTTP: discovery finds the backend, fetchApi adds the user's Backstage token. @public */
export class MeshSpecClient implements MeshSpecApi {
  constructor(
    private readonly deps: { discoveryApi: DiscoveryApi; fetchApi: FetchApi },
  ) {}

  async getCommittedSpec(entityRef: string): Promise<CommittedMeshSpec> {
    const baseUrl = await this.deps.discoveryApi.getBaseUrl('mesh');
    const response = await this.deps.fetchApi.fetch(
      `${baseUrl}/spec?${new URLSearchParams({ entityRef })}`,
    );
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return (await response.json()) as CommittedMeshSpec;
  }
}
