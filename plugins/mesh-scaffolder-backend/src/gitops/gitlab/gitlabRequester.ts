import {
  createRequesterFn,
  GitbeakerRequestError,
  getMatchingRateLimiter,
  RateLimiters,
  RequesterType,
  ResourceOptions,
} from '@gitbeaker/requester-utils';
import { parseRetryAfter } from '../retryAfter';

/** How the GitLab client waits out rate limits and outages; tests inject `sleep`. */
export interface GitlabRetryOptions {
  /** Attempts of one idempotent request in all, the first included. */
  maxAttempts: number;
  /** First wait in seconds when the answer names no Retry-After; doubled per attempt. */
  backoffSeconds: number;
  /** The longest single wait honoured, in seconds. */
  maxWaitSeconds: number;
  sleep: (seconds: number) => Promise<void>;
}

export const defaultGitlabRetry: GitlabRetryOptions = {
  maxAttempts: 4,
  backoffSeconds: 1,
  maxWaitSeconds: 60,
  sleep: seconds => new Promise(r => setTimeout(r, seconds * 1000)),
};

/** Retried only where a second attempt cannot make a second commit or merge request. */
const IDEMPOTENT = new Set(['GET', 'HEAD', 'PUT', 'DELETE']);
const TRANSIENT = new Set([429, 502, 503, 504]);

async function parseBody(response: Response, asStream: boolean) {
  if (asStream) return response.body;
  if (response.status === 204) return null;
  const type = (response.headers.get('content-type') ?? '')
    .split(';')[0]
    .trim();
  if (type === 'application/json') return (await response.json()) || {};
  if (type.startsWith('text/')) return (await response.text()) || '';
  return response.blob();
}

/** The error shape of `@gitbeaker/rest`, so callers read status and message as before. */
async function requestError(request: Request, response: Response) {
  const content = await response.text();
  let description = content;
  if (response.headers.get('content-type')?.includes('application/json')) {
    const output = JSON.parse(content || '{}');
    const property = output?.error ?? output?.message ?? '';
    description =
      typeof property === 'string' ? property : JSON.stringify(property);
  }
  return new GitbeakerRequestError(description, {
    cause: { description, request, response },
  });
}

/**
 * A `@gitbeaker/rest` requester whose retries are safe for a GitOps write: 429 and 502–504 are
 * retried for GET/HEAD/PUT/DELETE only, after the answer's Retry-After or an exponential backoff
 * (seconds), at most `maxAttempts` times; a POST is sent once, since a commit or merge request
 * the host made before failing must not be made twice.
 */
export function createGitlabRequesterFn(
  options: Partial<GitlabRetryOptions> = {},
): (options: ResourceOptions) => RequesterType {
  const retry = { ...defaultGitlabRetry, ...options };
  return createRequesterFn(
    (_, requestOptions) => Promise.resolve(requestOptions),
    async (endpoint, requestOptions = {}) => {
      const {
        prefixUrl,
        searchParams,
        method = 'GET',
        asStream,
      } = requestOptions;
      const { headers, body, signal } = requestOptions as RequestInit;
      const base = String(prefixUrl ?? '');
      const url = new URL(endpoint, base.endsWith('/') ? base : `${base}/`);
      url.search = String(searchParams ?? '');
      // gitbeaker's own client-side pacing of the endpoint, as its default requester does
      const paced = getMatchingRateLimiter(
        endpoint,
        requestOptions.rateLimiters as RateLimiters | undefined,
        String(method),
      );
      for (let attempt = 1; ; attempt++) {
        await paced();
        const request = new Request(url, {
          method: String(method),
          headers,
          body,
          signal,
        });
        const response = await fetch(request);
        if (response.ok) {
          return {
            body: (await parseBody(response, Boolean(asStream))) as any,
            headers: Object.fromEntries(response.headers.entries()),
            status: response.status,
          };
        }
        const retried =
          TRANSIENT.has(response.status) &&
          IDEMPOTENT.has(request.method) &&
          attempt < retry.maxAttempts;
        if (!retried) throw await requestError(request, response);
        const wait =
          parseRetryAfter(response.headers.get('retry-after')) ??
          retry.backoffSeconds * 2 ** (attempt - 1);
        await response.body?.cancel();
        await retry.sleep(Math.min(wait, retry.maxWaitSeconds));
      }
    },
  );
}
