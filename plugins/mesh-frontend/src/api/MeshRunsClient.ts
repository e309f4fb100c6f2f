import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import { MeshRun, MeshRunFile } from '@mesh-templates/plugin-mesh-common';
import { MeshRunsApi } from './MeshRunsApi';

/**
 * The MeshRunsApi over HTTP. fetchApi adds the user's Backstage token, so even the download goes
 * through it (as a Blob) rather than a plain link the browser would send without the token.
 *
 * @public
 */
export class MeshRunsClient implements MeshRunsApi {
  constructor(
    private readonly deps: { discoveryApi: DiscoveryApi; fetchApi: FetchApi },
  ) {}

  async getRun(taskId: string): Promise<MeshRun> {
    return (await this.get(this.runPath(taskId))).json();
  }

  async getRunFile(taskId: string, path: string): Promise<MeshRunFile> {
    const query = new URLSearchParams({ path });
    return (await this.get(`${this.runPath(taskId)}/files?${query}`)).json();
  }

  async downloadRunBundle(taskId: string): Promise<Blob> {
    return (await this.get(`${this.runPath(taskId)}/bundle.tar.gz`)).blob();
  }

  private runPath(taskId: string): string {
    return `/runs/${encodeURIComponent(taskId)}`;
  }

  private async get(path: string): Promise<Response> {
    const baseUrl = await this.deps.discoveryApi.getBaseUrl('mesh');
    const response = await this.deps.fetchApi.fetch(`${baseUrl}${path}`);
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return response;
  }
}
