import {
  AbortError,
  ApiException,
  AuthenticationV1TokenRequest,
  Configuration,
  HttpMethod,
  KubernetesObject,
  KubernetesObjectApi,
  PatchStrategy,
  RequestContext,
  V1APIResource,
  V1Status,
} from '@kubernetes/client-node';
import { ApiDiscovery, objectPath } from './apiDiscovery';
import { KubeRequestError } from './kubeRequestError';
import { pauseUnlessAborted } from '@mesh-templates/plugin-mesh-common';
import { retryDelayMs } from './requestRetry';

/** Field manager of every apply; lets `kubectl get --show-managed-fields` tell our writes apart. */
export const FIELD_MANAGER = 'backstage-mesh';

/** What names one object: enough to build its path. */
export type ObjectReference = Pick<KubernetesObject, 'apiVersion' | 'kind'> & {
  metadata: { name: string; namespace?: string };
};

/**
 * `@kubernetes/client-node`'s `KubernetesObjectApi` for one cluster, with the library's gaps that
 * apply would hit closed here and nowhere else (clusterObjectApi.test.ts shows each):
 * - kinds resolve through {@link ApiDiscovery}, one cache fed by aggregated discovery; the library
 *   asks `/apis/<group>/<version>` per group version, and every concurrent call asks again until
 *   the first answer is cached;
 * - paths keep names as given; the library lowercases the whole path, so the server would report a
 *   name/URL mismatch instead of the invalid name;
 * - apply bodies are sent as given; `patch()` re-serializes them through the library's models,
 *   which drop every field the models do not know (a newer API version's, a misspelt one);
 * - discovery documents can be asked for with an Accept header, which aggregated discovery needs
 *   and the library's calls do not offer;
 * - a failed request becomes a {@link KubeRequestError} with the parsed Status; `ApiException`
 *   keeps the Status as text and copies it, with the response headers, into its message.
 */
export class ClusterObjectApi extends KubernetesObjectApi {
  readonly discovery: ApiDiscovery;
  /** Cancels every request in flight and every retry wait: the task's signal. */
  private cancel?: AbortSignal;

  constructor(
    configuration: Configuration,
    readonly clusterName: string,
    private readonly requestTimeoutMs: number,
  ) {
    super(configuration);
    this.discovery = new ApiDiscovery(this, clusterName);
  }

  /** Ties every later request to `signal`: once it aborts, requests fail as cancelled. */
  cancelWith(signal: AbortSignal | undefined): this {
    this.cancel = signal;
    return this;
  }

  /** A discovery document (`/api`, `/apis`, `/apis/<group>/<version>`), asked for as `accept`. */
  getDiscoveryDocument<T extends object>(
    path: string,
    accept: string,
  ): Promise<T> {
    const context = this.configuration.baseServer.makeRequestContext(
      path,
      HttpMethod.GET,
    );
    context.setHeaderParam('Accept', accept);
    return this.requestPromise(context) as Promise<T>;
  }

  /** The live object, or undefined when the server has none. */
  async readObject(
    reference: ObjectReference,
  ): Promise<KubernetesObject | undefined> {
    try {
      return await this.read(reference);
    } catch (error) {
      if (error instanceof KubeRequestError && error.code === 404) {
        return undefined;
      }
      throw error;
    }
  }

  /** Server-side apply of one object as {@link FIELD_MANAGER}; the server's answer is the result. */
  async serverSideApply(
    object: KubernetesObject & ObjectReference,
    options: { dryRun: boolean; force: boolean },
  ): Promise<KubernetesObject> {
    const context = this.configuration.baseServer.makeRequestContext(
      await this.specUriPath(object, 'patch'),
      HttpMethod.PATCH,
    );
    context.setHeaderParam('Accept', 'application/json');
    context.setHeaderParam('Content-Type', PatchStrategy.ServerSideApply);
    context.setQueryParam('fieldManager', FIELD_MANAGER);
    if (options.dryRun) {
      context.setQueryParam('dryRun', 'All');
    }
    if (options.force) {
      context.setQueryParam('force', 'true');
    }
    // JSON is YAML; the apply content type takes it as the bundle wrote it.
    context.setBody(JSON.stringify(object));
    return this.requestPromise(context);
  }

  /**
   * A token of a service account through the TokenRequest API: bound to the account, expiring
   * after `expirationSeconds`, and never stored by the server.
   */
  async requestServiceAccountToken(
    namespace: string,
    serviceAccount: string,
    expirationSeconds: number,
  ): Promise<{ token: string; expires: Date }> {
    const context = this.configuration.baseServer.makeRequestContext(
      `/api/v1/namespaces/${encodeURIComponent(
        namespace,
      )}/serviceaccounts/${encodeURIComponent(serviceAccount)}/token`,
      HttpMethod.POST,
    );
    context.setHeaderParam('Accept', 'application/json');
    context.setHeaderParam('Content-Type', 'application/json');
    context.setBody(
      JSON.stringify({
        apiVersion: 'authentication.k8s.io/v1',
        kind: 'TokenRequest',
        spec: { audiences: [], expirationSeconds },
      }),
    );
    const answer = (await this.requestPromise(
      context,
      'AuthenticationV1TokenRequest',
    )) as AuthenticationV1TokenRequest;
    if (!answer.status?.token) {
      throw new KubeRequestError(
        `Cluster "${this.clusterName}" answered a TokenRequest for ${namespace}/${serviceAccount} without a token`,
      );
    }
    return {
      token: answer.status.token,
      expires: new Date(answer.status.expirationTimestamp),
    };
  }

  protected override async resource(
    apiVersion: string,
    kind: string,
  ): Promise<V1APIResource | undefined> {
    const served = await this.discovery.resolve(apiVersion, kind);
    return (
      served && {
        name: served.plural,
        kind: served.kind,
        namespaced: served.namespaced,
        singularName: '',
        verbs: [],
      }
    );
  }

  protected override async specUriPath(
    spec: KubernetesObject,
    action: string,
  ): Promise<string> {
    const { apiVersion = 'v1', kind = '', metadata = {} } = spec;
    const served = await this.discovery.resolve(apiVersion, kind);
    if (!served) {
      throw new Error(
        `Unrecognized API version and kind: ${apiVersion} ${kind}`,
      );
    }
    const named = action !== 'create' && action !== 'list';
    // A list without a namespace is of every namespace; other requests default as the library does.
    return objectPath(
      served,
      named ? metadata.name : undefined,
      metadata.namespace ??
        (served.namespaced && action !== 'list' ? 'default' : undefined),
    );
  }

  /**
   * Sends the request with a timeout per attempt; 429 and (for idempotent requests) 5xx answers
   * are sent again after the server's Retry-After or a doubling backoff, up to a bound.
   */
  protected override async requestPromise<T extends KubernetesObject>(
    context: RequestContext,
    type?: string,
    options?: Configuration,
  ): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const timeout = AbortSignal.timeout(this.requestTimeoutMs);
      context.setSignal(
        this.cancel ? AbortSignal.any([timeout, this.cancel]) : timeout,
      );
      try {
        return await super.requestPromise<T>(context, type, options);
      } catch (error) {
        const delay = this.cancel?.aborted
          ? undefined
          : retryDelayMs(error, context.getHttpMethod(), attempt);
        if (delay === undefined) {
          throw this.describeFailure(error, context);
        }
        try {
          await pauseUnlessAborted(delay, this.cancel);
        } catch {
          throw this.describeFailure(error, context);
        }
      }
    }
  }

  private describeFailure(
    error: unknown,
    context: RequestContext,
  ): KubeRequestError {
    const path = new URL(context.getUrl()).pathname;
    if (this.cancel?.aborted) {
      return new KubeRequestError(
        `${context.getHttpMethod()} ${path} on cluster "${
          this.clusterName
        }" cancelled: the task was cancelled`,
      );
    }
    if (error instanceof ApiException) {
      const status = parseStatus(error.body);
      return new KubeRequestError(
        `HTTP ${error.code}${status?.message ? ` ${status.message}` : ''}`,
        error.code,
        status,
      );
    }
    if (
      error instanceof AbortError ||
      (error as Error)?.name === 'AbortError'
    ) {
      return new KubeRequestError(
        `${context.getHttpMethod()} ${path} on cluster "${
          this.clusterName
        }" timed out after ${this.requestTimeoutMs} ms`,
      );
    }
    return new KubeRequestError(
      `Cluster "${this.clusterName}" unreachable: ${(error as Error)?.message}`,
    );
  }
}

function parseStatus(body: unknown): V1Status | undefined {
  try {
    const parsed = typeof body === 'string' ? JSON.parse(body) : body;
    return parsed?.kind === 'Status' ? (parsed as V1Status) : undefined;
  } catch {
    return undefined;
  }
}
