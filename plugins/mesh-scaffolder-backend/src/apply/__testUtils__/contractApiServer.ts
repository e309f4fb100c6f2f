import http from 'node:http';
import { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import yaml from 'yaml';
import { computeApply, finishStored, StoredObject } from './contractApply';
import {
  deleteOutcome,
  invalidDeleteOptions,
  listAnswer,
  parseLabelSelector,
} from './contractCollections';
import { jsonClone } from './contractFieldPaths';
import {
  AGGREGATED_DISCOVERY_TYPE,
  discoveryDocument,
  wantsAggregatedDiscovery,
} from './contractDiscovery';
import { BUILTIN_KINDS, groupVersionOf, ServedKind } from './contractKinds';
import { ContractFault, FaultPlan, RecordedRequest } from './contractFaults';

export type { RecordedRequest } from './contractFaults';
import { statusError, StatusBody } from './contractStatus';
import {
  answerTokenRequest,
  IssuedToken,
  tokenRequestPath,
} from './contractTokenRequest';
import { validateApplyBody } from './contractValidation';
import { AnswerGate, RequestWaves } from './requestWaves';

export interface ContractApiServerOptions {
  /** The only bearer token accepted; anything else gets 401. */
  token: string;
  /** Custom resources already installed, in addition to the built-in kinds. */
  customKinds?: ServedKind[];
  /** Delay before every response, standing in for network latency. */
  delayMs?: number;
  /**
   * Whether `/api` and `/apis` answer aggregated discovery when asked for it, as API servers do
   * since 1.26 (beta) and 1.30 (`apidiscovery.k8s.io/v2`); false stands for an older server.
   */
  aggregatedDiscovery?: boolean;
}

const APPLY_PATCH = 'application/apply-patch+yaml';
const OTHER_PATCH_TYPES = [
  'application/json-patch+json',
  'application/merge-patch+json',
  'application/strategic-merge-patch+json',
];

/**
 * A stateful stand-in for a Kubernetes API server, on 127.0.0.1, speaking the real endpoints for
 * what server-side apply uses: discovery (aggregated `apidiscovery.k8s.io/v2` on `/api` and `/apis`
 * when the Accept header asks for it, as a 1.30 server does, and the legacy documents), GET of objects, PATCH with `application/apply-patch+yaml`
 * (fieldManager, force, dryRun=All), managedFields with 409 conflicts, 404 for kinds that are not
 * served and for missing namespaces, 400/422 for invalid objects, CRDs that make new kinds served,
 * lists of a kind (one namespace or all) with equality-based `labelSelector`, DELETE of one object
 * (dryRun=All; finalizers keep it, marked with a deletionTimestamp, until
 * {@link ContractApiServer.removeFinalizer}), and bearer-token auth. It rejects what a real server
 * rejects for these calls; it does not implement other verbs or patch types (415), admission
 * webhooks, garbage collection of dependents, namespace deletion, watches or paging. It counts the
 * sequential request waves of its clients (`waves`, see {@link RequestWaves}).
 */
export class ContractApiServer {
  readonly requests: RecordedRequest[] = [];
  /** Paths of every persisted write made through the API (dry-runs and no-op applies excluded). */
  readonly writes: string[] = [];
  /** Sequential request waves, counted over `requests` (arrival numbers are their indexes). */
  readonly waves = new RequestWaves();
  /** Faults to inject, decided per request (see {@link ContractFault}); none by default. */
  faults?: FaultPlan;
  /** Tokens issued through the TokenRequest API, in order. */
  readonly issuedTokens: IssuedToken[] = [];
  delayMs: number;
  private readonly kinds: ServedKind[];
  private readonly store = new Map<string, StoredObject>();
  private resourceVersion = 1000;
  private readonly gate = new AnswerGate();

  private constructor(
    private readonly server: http.Server,
    private readonly options: ContractApiServerOptions,
  ) {
    this.kinds = [...BUILTIN_KINDS, ...(options.customKinds ?? [])];
    this.delayMs = options.delayMs ?? 0;
    // Every real cluster starts with these.
    for (const name of ['default', 'kube-system', 'kube-public']) {
      this.applyAs('kube-apiserver', {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name },
      });
    }
  }

  static async start(
    options: ContractApiServerOptions,
  ): Promise<ContractApiServer> {
    const server = http.createServer();
    const instance = new ContractApiServer(server, options);
    instance.gate.watch(server);
    server.on('request', (req, res) => instance.handle(req, res));
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    // Tests must never hang on a forgotten server.
    server.unref();
    return instance;
  }

  get url(): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>(resolve => this.server.close(() => resolve()));
  }

  /** Installs a custom resource kind, as if its CRD had been applied out of band. */
  serveKind(kind: ServedKind): void {
    this.kinds.push(kind);
  }

  /** A stored object, or undefined. */
  getObject(
    apiVersion: string,
    kind: string,
    name: string,
    namespace?: string,
  ): any {
    const served = this.kinds.find(
      k => groupVersionOf(k) === apiVersion && k.kind === kind,
    );
    const stored = served && this.store.get(this.key(served, name, namespace));
    return stored ? jsonClone(stored.object) : undefined;
  }

  allObjects(): any[] {
    return [...this.store.values()].map(s => jsonClone(s.object));
  }

  /**
   * Applies as another field manager, the way a person with `kubectl apply --server-side` would;
   * `force` is `--force-conflicts`.
   */
  applyAs(manager: string, object: any, force = false): void {
    const served = this.servedFor(object.apiVersion, object.kind);
    const key = this.key(
      served,
      object.metadata.name,
      object.metadata.namespace,
    );
    const previous = this.store.get(key);
    const computed = computeApply(served, previous, manager, object, force);
    if ('conflict' in computed) {
      throw new Error(computed.conflict.message);
    }
    finishStored(computed.next, previous, String(++this.resourceVersion));
    this.store.set(key, computed.next);
  }

  /**
   * Removes a finalizer, as the controller that set it does once its cleanup is done; an object
   * marked for deletion goes once it has no finalizers left.
   */
  removeFinalizer(
    apiVersion: string,
    kind: string,
    name: string,
    namespace: string | undefined,
    finalizer: string,
  ): void {
    const key = this.key(this.servedFor(apiVersion, kind), name, namespace);
    const metadata = this.store.get(key)?.object.metadata;
    if (!metadata?.finalizers?.includes(finalizer)) {
      throw new Error(`${kind} ${namespace ?? ''}/${name} has no ${finalizer}`);
    }
    metadata.finalizers = metadata.finalizers.filter(
      (f: string) => f !== finalizer,
    );
    metadata.resourceVersion = String(++this.resourceVersion);
    if (metadata.finalizers.length === 0 && metadata.deletionTimestamp) {
      this.store.delete(key);
    }
  }

  /** Replaces an object's status, as its controller would (a new resourceVersion). */
  setStatus(
    apiVersion: string,
    kind: string,
    name: string,
    namespace: string | undefined,
    status: any,
  ): void {
    const served = this.servedFor(apiVersion, kind);
    const stored = this.store.get(this.key(served, name, namespace));
    if (!stored) {
      throw new Error(`no ${kind} ${namespace ?? ''}/${name} stored`);
    }
    stored.object.status = jsonClone(status);
    stored.object.metadata.resourceVersion = String(++this.resourceVersion);
  }

  private servedFor(apiVersion: string, kind: string): ServedKind {
    const served = this.kinds.find(
      k => groupVersionOf(k) === apiVersion && k.kind === kind,
    );
    if (!served) {
      throw new Error(`${apiVersion} ${kind} is not served`);
    }
    return served;
  }

  private key(served: ServedKind, name: string, namespace?: string): string {
    return `${served.group}/${served.plural}/${
      served.namespaced ? namespace ?? '' : ''
    }/${name}`;
  }

  private async handle(
    req: http.IncomingMessage,
    res: http.ServerResponse,
  ): Promise<void> {
    const arrival = this.waves.arrived();
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const contentType = req.headers['content-type']?.split(';')[0].trim();
    const recorded: RecordedRequest = {
      method: req.method ?? '',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      ...(contentType && { contentType }),
      ...(req.headers.accept && { accept: req.headers.accept }),
    };
    this.requests.push(recorded);
    const chunks: Buffer[] = [];
    for await (const chunk of req) {
      chunks.push(chunk as Buffer);
    }
    const fault = this.faults?.(recorded);
    if (fault?.kind === 'reset') {
      req.socket.destroy();
      return;
    }
    if (fault?.kind === 'hang') {
      return;
    }
    const [code, body, type] = fault
      ? faultAnswer(fault)
      : this.route(
          req,
          url,
          contentType,
          Buffer.concat(chunks).toString('utf8'),
        );
    await this.gate.pass();
    // After the gate, so the answers it releases together stay together: the latency delays a
    // wave, it does not split it.
    if (this.delayMs > 0) {
      await sleep(this.delayMs);
    }
    res.writeHead(code, {
      'Content-Type': type ?? 'application/json',
      ...(fault?.kind === 'status' &&
        fault.retryAfterSeconds !== undefined && {
          'Retry-After': String(fault.retryAfterSeconds),
        }),
    });
    res.end(JSON.stringify(body));
    this.waves.answered(arrival);
  }

  private route(
    req: http.IncomingMessage,
    url: URL,
    contentType: string | undefined,
    text: string,
  ): [number, unknown, string?] {
    if (req.headers.authorization !== `Bearer ${this.options.token}`) {
      return reply(statusError(401, 'Unauthorized', 'Unauthorized'));
    }
    const segments = url.pathname.split('/').filter(Boolean);
    if (req.method === 'GET') {
      const aggregated =
        this.options.aggregatedDiscovery !== false &&
        wantsAggregatedDiscovery(req.headers.accept);
      const discovery = discoveryDocument(this.kinds, segments, aggregated);
      if (discovery) {
        const root = segments.length === 1;
        return [
          200,
          discovery,
          aggregated && root ? AGGREGATED_DISCOVERY_TYPE : undefined,
        ];
      }
    }
    const tokenRequest = tokenRequestPath(segments);
    if (req.method === 'POST' && tokenRequest) {
      const account = this.servedFor('v1', 'ServiceAccount');
      return answerTokenRequest(
        tokenRequest,
        this.store.has(
          this.key(
            account,
            tokenRequest.serviceAccount,
            tokenRequest.namespace,
          ),
        ),
        text,
        this.issuedTokens,
      );
    }
    const target = this.parseObjectPath(segments);
    if (!target) {
      return reply(
        statusError(
          404,
          'NotFound',
          'the server could not find the requested resource',
        ),
      );
    }
    const { served, name, namespace } = target;
    if (name === undefined) {
      return req.method === 'GET'
        ? this.list(served, namespace, url.searchParams)
        : reply(notImplemented(req.method));
    }
    const stored = this.store.get(this.key(served, name, namespace));
    if (req.method === 'GET') {
      return stored ? [200, stored.object] : reply(notFound(served, name));
    }
    if (req.method === 'DELETE') {
      return this.delete(served, name, namespace, url.searchParams);
    }
    if (req.method !== 'PATCH') {
      return reply(notImplemented(req.method));
    }
    return this.apply(
      served,
      name,
      namespace,
      url.searchParams,
      contentType,
      text,
    );
  }

  private apply(
    served: ServedKind,
    name: string,
    namespace: string | undefined,
    query: URLSearchParams,
    contentType: string | undefined,
    text: string,
  ): [number, unknown] {
    if (contentType !== APPLY_PATCH) {
      const known = contentType && OTHER_PATCH_TYPES.includes(contentType);
      return reply(
        statusError(
          415,
          'UnsupportedMediaType',
          known
            ? `the contract server implements only ${APPLY_PATCH}, not ${contentType}`
            : `the body of the request was in an unknown format - accepted media types include: ${[
                ...OTHER_PATCH_TYPES,
                APPLY_PATCH,
              ].join(', ')}`,
        ),
      );
    }
    const manager = query.get('fieldManager');
    if (!manager) {
      return reply(
        statusError(
          400,
          'BadRequest',
          'PATCH: fieldManager is required for apply requests',
        ),
      );
    }
    const dryRun = query.get('dryRun');
    if (dryRun !== null && dryRun !== 'All') {
      return reply(
        statusError(
          400,
          'BadRequest',
          `Invalid dry run value: ${dryRun}; only "All" is supported`,
        ),
      );
    }
    const forceParam = query.get('force');
    if (
      forceParam !== null &&
      forceParam !== 'true' &&
      forceParam !== 'false'
    ) {
      return reply(
        statusError(400, 'BadRequest', `invalid force value: ${forceParam}`),
      );
    }
    let body: any;
    try {
      body = yaml.parse(text);
    } catch (error) {
      return reply(
        statusError(
          400,
          'BadRequest',
          `error decoding YAML: ${(error as Error).message}`,
        ),
      );
    }
    if (served.namespaced) {
      const nsKind = this.servedFor('v1', 'Namespace');
      if (!this.store.has(this.key(nsKind, namespace!))) {
        return reply(
          statusError(404, 'NotFound', `namespaces "${namespace}" not found`, {
            name: namespace,
            kind: 'namespaces',
          }),
        );
      }
    }
    const invalid = validateApplyBody(served, name, namespace, body);
    if (invalid) {
      return reply(invalid);
    }
    body.metadata = {
      ...body.metadata,
      name,
      ...(served.namespaced && { namespace }),
    };
    const key = this.key(served, name, namespace);
    const previous = this.store.get(key);
    const computed = computeApply(
      served,
      previous,
      manager,
      body,
      forceParam === 'true',
    );
    if ('conflict' in computed) {
      return reply(computed.conflict);
    }
    const { next, changed } = computed;
    if (!changed) {
      return [200, previous!.object];
    }
    if (served.kind === 'Namespace') {
      next.object.status = { phase: 'Active' };
    }
    if (dryRun === 'All') {
      finishStored(next, previous, previous?.object.metadata.resourceVersion);
      return [previous ? 200 : 201, next.object];
    }
    finishStored(next, previous, String(++this.resourceVersion));
    if (served.kind === 'CustomResourceDefinition') {
      this.establish(next.object);
    }
    this.store.set(key, next);
    this.writes.push(`${served.plural}/${namespace ?? ''}/${name}`);
    return [previous ? 200 : 201, next.object];
  }

  private list(
    served: ServedKind,
    namespace: string | undefined,
    query: URLSearchParams,
  ): [number, unknown] {
    if (query.has('fieldSelector') || query.has('watch')) {
      return reply(notImplemented('list with fieldSelector or watch'));
    }
    const requirements = parseLabelSelector(query.get('labelSelector'));
    if (!Array.isArray(requirements)) {
      return reply(requirements);
    }
    return [
      200,
      listAnswer(
        served,
        [...this.store.values()],
        namespace,
        requirements,
        this.resourceVersion,
      ),
    ];
  }

  private delete(
    served: ServedKind,
    name: string,
    namespace: string | undefined,
    query: URLSearchParams,
  ): [number, unknown] {
    const invalid = invalidDeleteOptions(query);
    if (invalid) {
      return reply(invalid);
    }
    if (
      served.kind === 'Namespace' ||
      served.kind === 'CustomResourceDefinition'
    ) {
      // Their deletion removes what they hold, which this server does not model.
      return reply(notImplemented(`DELETE of ${served.plural}`));
    }
    const key = this.key(served, name, namespace);
    const stored = this.store.get(key);
    if (!stored) {
      return reply(notFound(served, name));
    }
    const { next, answer } = deleteOutcome(stored, new Date());
    if (query.get('dryRun') === 'All') {
      return [200, answer];
    }
    if (next) {
      next.object.metadata.resourceVersion = String(++this.resourceVersion);
      this.store.set(key, next);
    } else {
      this.store.delete(key);
    }
    this.writes.push(`DELETE ${served.plural}/${namespace ?? ''}/${name}`);
    return [200, answer];
  }

  /** A CRD is established at once here; a real server takes a moment, which the client polls for. */
  private establish(crd: any): void {
    const spec = crd.spec ?? {};
    for (const version of spec.versions ?? []) {
      const exists = this.kinds.some(
        k =>
          k.group === spec.group &&
          k.version === version.name &&
          k.kind === spec.names?.kind,
      );
      if (version.served !== false && !exists) {
        this.kinds.push({
          group: spec.group,
          version: version.name,
          kind: spec.names.kind,
          plural: spec.names.plural,
          namespaced: spec.scope !== 'Cluster',
          hasStatus: Boolean(version.subresources?.status),
        });
      }
    }
    crd.status = {
      acceptedNames: spec.names,
      conditions: [
        { type: 'NamesAccepted', status: 'True', reason: 'NoConflicts' },
        { type: 'Established', status: 'True', reason: 'InitialNamesAccepted' },
      ],
      storedVersions: (spec.versions ?? [])
        .filter((v: any) => v.storage)
        .map((v: any) => v.name),
    };
  }

  private parseObjectPath(segments: string[]) {
    let group: string;
    let version: string;
    let rest: string[];
    if (segments[0] === 'api' && segments.length >= 2) {
      [group, version, rest] = ['', segments[1], segments.slice(2)];
    } else if (segments[0] === 'apis' && segments.length >= 3) {
      [group, version, rest] = [segments[1], segments[2], segments.slice(3)];
    } else {
      return undefined;
    }
    const namespaced = rest[0] === 'namespaces' && rest.length >= 3;
    const [namespace, plural, name, ...sub] = namespaced
      ? rest.slice(1)
      : [undefined, ...rest];
    const served = this.kinds.find(
      k => k.group === group && k.version === version && k.plural === plural,
    );
    // A collection is one namespace's objects of a namespaced kind, or every object of a kind.
    const collection =
      name === undefined && (!namespaced || served?.namespaced);
    if (
      !served ||
      sub.length > 0 ||
      (!collection && served.namespaced !== namespaced)
    ) {
      return undefined;
    }
    return {
      served,
      name: name === undefined ? undefined : decodeURIComponent(name),
      namespace: namespace && decodeURIComponent(namespace),
    };
  }
}

/** The Status a faulted request is answered with, as an overloaded or failing server sends it. */
function faultAnswer(
  fault: Extract<ContractFault, { kind: 'status' }>,
): [number, StatusBody] {
  const reason = fault.code === 429 ? 'TooManyRequests' : 'InternalError';
  return reply(
    statusError(fault.code, reason, `injected fault: HTTP ${fault.code}`),
  );
}

function reply(status: StatusBody): [number, StatusBody] {
  return [status.code, status];
}

function notImplemented(what: string | undefined): StatusBody {
  return statusError(
    405,
    'MethodNotAllowed',
    `the contract server does not implement ${what}`,
  );
}

function notFound(served: ServedKind, name: string): StatusBody {
  const resource = served.group
    ? `${served.plural}.${served.group}`
    : served.plural;
  return statusError(404, 'NotFound', `${resource} "${name}" not found`, {
    name,
    group: served.group,
    kind: served.plural,
  });
}
