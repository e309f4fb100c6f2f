import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import { MeshHealthResponse } from '@mesh-templates/plugin-mesh-common';
import { MeshApi } from './MeshApi';

/** The MeshApi over HTTP: discovery finds the backend, fetchApi adds the user's Backstage token. @public */
export class MeshClient implements MeshApi {
  constructor(
    private readonly deps: { discoveryApi: DiscoveryApi; fetchApi: FetchApi },
  ) {}

  async getHealth(
    options: { entityRef?: string } = {},
  ): Promise<MeshHealthResponse> {
    const baseUrl = await this.deps.discoveryApi.getBaseUrl('mesh');
    const query = options.entityRef
      ? `?${new URLSearchParams({ entityRef: options.entityRef })}`
      : '';
    const response = await this.deps.fetchApi.fetch(
      `${baseUrl}/health${query}`,
    );
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return (await response.json()) as MeshHealthResponse;
  }
}
