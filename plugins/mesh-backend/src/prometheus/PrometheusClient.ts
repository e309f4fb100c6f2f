import { z } from 'zod';
import { PrometheusTarget } from '../config/MeshConfig';
import { PrometheusError } from './PrometheusError';
import {
  encodeQuery,
  RequestCoalescer,
  upstreamRequestKey,
} from './RequestCoalescer';
import { errorBody, instantVectorBody, matrixBody } from './responseSchema';

export interface InstantSample {
  labels: Record<string, string>;
  value: number;
}

export interface RangeSeries {
  labels: Record<string, string>;
  points: Array<{ t: number; v: number }>;
}

export type FetchFn = typeof fetch;

/** The longest Prometheus error text passed on; its messages can quote the whole query. */
const MAX_ERROR_TEXT = 200;

function describeFetchFailure(error: unknown): string {
  const cause = (error as { cause?: { code?: string } })?.cause;
  if (cause?.code) return `Prometheus is unreachable (${cause.code})`;
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
    private readonly fetchFn: FetchFn = (input, init) => fetch(input, init),
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
    const query = this.coalescer
      ? this.coalescer.encodeQuery(promql)
      : encodeQuery(promql);
    const body = [query, new URLSearchParams(params).toString()]
      .filter(Boolean)
      .join('&');
    const load = (s: AbortSignal) => this.send(url, body, s, schema).then(read);
    if (!this.coalescer) return load(signal);
    return this.coalescer.run(
      upstreamRequestKey({ url, headers: this.target.headers, body }),
      signal,
      load,
    );
  }

  private async send<T extends z.ZodType>(
    url: string,
    body: string,
    signal: AbortSignal,
    schema: T,
  ): Promise<z.infer<T>> {
    let response: Response;
    try {
      response = await this.fetchFn(url, {
        method: 'POST',
        headers: {
          ...this.target.headers,
          'Content-Type': 'application/x-www-form-urlencoded',
        },
        body,
        signal,
        // A redirect could lead anywhere; the configured URL is the only address we talk to.
        redirect: 'error',
      });
    } catch (error) {
      if (signal.aborted) throw signal.reason;
      throw new PrometheusError(describeFetchFailure(error));
    }
    // Reading the body is bounded by the same signal, so a server that stalls mid-body still times out.
    const text = await response.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new PrometheusError(
        response.ok
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
    if (!response.ok)
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
