import { KubeConfig } from '@kubernetes/client-node';
import http from 'node:http';
import https from 'node:https';
import { ApplyCluster } from './clusterConfig';

/** Field manager of every apply; lets `kubectl get --show-managed-fields` tell our writes apart. */
export const FIELD_MANAGER = 'backstage-mesh';

export interface KubeResponse {
  status: number;
  /** Parsed JSON body; a Kubernetes `Status` object for errors. */
  body: any;
}

export interface ApplyQuery {
  dryRun?: boolean;
  force?: boolean;
}

/**
 * The few Kubernetes API calls apply needs. Paths are API paths (`/apis/apps/v1/...`), already
 * resolved through discovery. Errors are returned as responses, not thrown, so callers can read
 * the Status (conflict causes, validation messages).
 */
export interface KubeApiClient {
  get(path: string): Promise<KubeResponse>;
  apply(
    path: string,
    object: unknown,
    query: ApplyQuery,
  ): Promise<KubeResponse>;
}

export type KubeClientFactory = (cluster: ApplyCluster) => KubeApiClient;

const REQUEST_TIMEOUT_MS = 30_000;

/**
 * Builds a client from a config cluster through `@kubernetes/client-node`'s KubeConfig, which
 * owns TLS (caData, caFile, skipTLSVerify) and the bearer token header.
 */
export const createKubeApiClient: KubeClientFactory = cluster => {
  const plainHttp = cluster.url.startsWith('http:');
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromClusterAndUser(
    {
      name: cluster.name,
      server: cluster.url,
      caData: cluster.caData,
      caFile: cluster.caFile,
      // client-node refuses http: unless TLS verification is off; there is no TLS to verify on
      // http, and validateApiServerUrl only lets http through for loopback hosts.
      skipTLSVerify: cluster.skipTLSVerify || plainHttp,
    },
    { name: `${cluster.name}-apply`, token: cluster.serviceAccountToken },
  );

  async function send(
    method: string,
    path: string,
    query: Record<string, string>,
    body?: { contentType: string; text: string },
  ): Promise<KubeResponse> {
    const url = new URL(cluster.url + path);
    for (const [key, value] of Object.entries(query)) {
      url.searchParams.set(key, value);
    }
    const options: https.RequestOptions = {
      method,
      headers: {
        Accept: 'application/json',
        ...(body && { 'Content-Type': body.contentType }),
      },
      timeout: REQUEST_TIMEOUT_MS,
    };
    await kubeConfig.applyToHTTPSOptions(options);
    const transport = plainHttp ? http : https;
    return new Promise((resolve, reject) => {
      const request = transport.request(url, options, response => {
        const chunks: Buffer[] = [];
        response.on('data', chunk => chunks.push(chunk));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: response.statusCode ?? 0, body: parseBody(text) });
        });
        response.on('error', reject);
      });
      request.on('timeout', () =>
        request.destroy(
          new Error(
            `${method} ${url.pathname} timed out after ${REQUEST_TIMEOUT_MS} ms`,
          ),
        ),
      );
      request.on('error', error =>
        reject(
          new Error(`Cluster "${cluster.name}" unreachable: ${error.message}`),
        ),
      );
      request.end(body?.text);
    });
  }

  return {
    get: path => send('GET', path, {}),
    apply: (path, object, { dryRun, force }) =>
      send(
        'PATCH',
        path,
        {
          fieldManager: FIELD_MANAGER,
          ...(dryRun && { dryRun: 'All' }),
          ...(force && { force: 'true' }),
        },
        // JSON is YAML, and it avoids a second serializer's quirks for the apply body.
        {
          contentType: 'application/apply-patch+yaml',
          text: JSON.stringify(object),
        },
      ),
  };
};

function parseBody(text: string): any {
  if (!text) {
    return {};
  }
  try {
    return JSON.parse(text);
  } catch {
    return { message: text.slice(0, 500) };
  }
}
