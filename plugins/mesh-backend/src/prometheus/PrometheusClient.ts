import { z } from 'zod';
import { PrometheusTarget } from '../config/MeshConfig';
import { PrometheusError } from './PrometheusError';
import { RequestCoalescer, upstreamRequestKey } from './RequestCoalescer';
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

  async query(
    promql: string,
    options: { signal: AbortSignal; timeSec?: number },
  ): Promise<InstantSample[]> {
    const params = new URLSearchParams({ query: promql });
    if (options.timeSec !== undefined)
      params.set('time', String(options.timeSec));
    const body = await this.post(
      '/api/v1/query',
      params,
      options.signal,
      instantVectorBody,
    );
    return body.data.result.map(r => ({
      labels: r.metric,
      value: Number(r.value[1]),
    }));
  }

  async queryRange(
    promql: string,
    options: {
      signal: AbortSignal;
      startSec: number;
      endSec: number;
      stepSec: number;
    },
  ): Promise<RangeSeries[]> {
    const params = new URLSearchParams({
      query: promql,
      start: String(options.startSec),
      end: String(options.endSec),
      step: String(options.stepSec),
    });
    const body = await this.post(
      '/api/v1/query_range',
      params,
      options.signal,
      matrixBody,
    );
    return body.data.result.map(r => ({
      labels: r.metric,
      points: r.values.map(([t, v]) => ({ t, v: Number(v) })),
    }));
  }

  private post<T extends z.ZodType>(
    path: string,
    params: URLSearchParams,
    signal: AbortSignal,
    schema: T,
  ): Promise<z.infer<T>> {
    const url = `${this.target.url}${path}`;
    const body = params.toString();
    if (!this.coalescer) return this.send(url, body, signal, schema);
    const key = upstreamRequestKey({ url, headers: this.target.headers, body });
    return this.coalescer.run(key, signal, shared =>
      this.send(url, body, shared, schema),
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
