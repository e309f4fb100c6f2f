import { z } from 'zod';
import { PrometheusTarget } from '../config/MeshConfig';
import { PrometheusError } from './PrometheusError';
import { formBody, RequestCoalescer } from './RequestCoalescer';
import {
  defaultTransport,
  PrometheusTransport,
  TransportResponse,
} from './httpTransport';
import { errorBody, instantVectorBody, matrixBody } from './responseSchema';

export interface InstantSample {
  labels: Record<string, string>;
  value: number;
}

export interface RangeSeries {
  labels: Record<string, string>;
  points: Array<{ t: number; v: number }>;
}

/** The longest Prometheus error text passed on; its messages can quote the whole query. */
const MAX_ERROR_TEXT = 200;

function describeTransportFailure(error: unknown): string {
  if (error instanceof PrometheusError) return error.message;
  const code = (error as { code?: unknown })?.code;
  // Socket error codes (ECONNREFUSED, ENOTFOUND, ECONNRESET) name the failure without the address.
  if (typeof code === 'string' && /^E[A-Z_]+$/.test(code))
    return `Prometheus is unreachable (${code})`;
  return 'Prometheus is unreachable';
}

/**
 * Talks to one configured Prometheus over its HTTP API. The base URL comes from config only; callers
 * choose the query, never the address, so no request can be steered elsewhere.
 *
 * With a `coalescer`, a request identical to one already under way in the same fan-out (same base
 * URL, headers, path and parameters) is not sent again: the answer is shared.
 */
export class PrometheusClient {
  constructor(
    private readonly target: PrometheusTarget,
    private readonly transport: PrometheusTransport = defaultTransport,
    private readonly coalescer?: RequestCoalescer,
  ) {}

  query(
    promql: string,
    options: { signal: AbortSignal; timeSec?: number },
  ): Promise<InstantSample[]> {
    return this.post(
      '/api/v1/query',
      promql,
      options.timeSec === undefined ? {} : { time: String(options.timeSec) },
      options.signal,
      instantVectorBody,
      body =>
        body.data.result.map(r => ({
          labels: r.metric,
          value: Number(r.value[1]),
        })),
    );
  }

  queryRange(
    promql: string,
    options: {
      signal: AbortSignal;
      startSec: number;
      endSec: number;
      stepSec: number;
    },
  ): Promise<RangeSeries[]> {
    return this.post(
      '/api/v1/query_range',
      promql,
      {
        start: String(options.startSec),
        end: String(options.endSec),
        step: String(options.stepSec),
      },
      options.signal,
      matrixBody,
      body =>
        body.data.result.map(r => ({
          labels: r.metric,
          points: r.values.map(([t, v]) => ({ t, v: Number(v) })),
        })),
    );
  }

  /**
   * Sends (or joins) one request. Parsing, validation and `read` run once per upstream request: every
   * caller sharing it gets the same result object, which callers must treat as read-only.
   */
  private post<T extends z.ZodType, R>(
    path: string,
    promql: string,
    params: Record<string, string>,
    signal: AbortSignal,
    schema: T,
    read: (body: z.infer<T>) => R,
  ): Promise<R> {
    const url = `${this.target.url}${path}`;
    const load = (body: string) => (s: AbortSignal) =>
      this.send(url, body, s, schema).then(read);
    if (!this.coalescer) return load(formBody(promql, params))(signal);
    const { body, key } = this.coalescer.request({
      url,
      headers: this.target.headers,
      promql,
      params,
    });
    return this.coalescer.run(key, signal, load(body));
  }

  private async send<T extends z.ZodType>(
    url: string,
    body: string,
    signal: AbortSignal,
    schema: T,
  ): Promise<z.infer<T>> {
    let response: TransportResponse;
    try {
      response = await this.transport({
        url,
        headers: this.target.headers,
        body,
        signal,
      });
    } catch (error) {
      if (signal.aborted) throw signal.reason;
      throw new PrometheusError(describeTransportFailure(error));
    }
    const ok = response.status >= 200 && response.status < 300;
    let json: unknown;
    try {
      json = JSON.parse(response.body);
    } catch {
      throw new PrometheusError(
        ok
          ? 'Prometheus answered with a body that is not JSON'
          : `Prometheus answered HTTP ${response.status}`,
      );
    }
    const failure = errorBody.safeParse(json);
    if (failure.success) {
      throw new PrometheusError(
        `Prometheus answered HTTP ${
          response.status
        }: ${failure.data.error.slice(0, MAX_ERROR_TEXT)}`,
      );
    }
    if (!ok)
      throw new PrometheusError(`Prometheus answered HTTP ${response.status}`);
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      throw new PrometheusError(
        'Prometheus answered with a body that is not a Prometheus API response',
      );
    }
    return parsed.data;
  }
}
