import type { RequestError } from 'octokit';
import { parseRetryAfter } from '../retryAfter';

/** The retry plugin's API on an Octokit: how its error hook asks for a retry. */
type RetryApi = {
  retryRequest: (
    error: RequestError,
    retries: number,
    retryAfter: number,
  ) => RequestError;
};

/**
 * An Octokit plugin that makes the retry plugin honour Retry-After. The retry plugin (6.x) waits
 * (n+1)² seconds after a 429 or 5xx whatever the answer advises, and the throttling plugin reads
 * Retry-After only on a 403; GitHub sends a 429 with the wait it expects. Each retry request the
 * retry plugin makes passes through here, keeps its backoff when the answer names no wait, and
 * is reported through `warn` with the delay that will be waited.
 */
export function honourRetryAfter(warn?: (message: string) => void) {
  return (octokit: { log: { warn(message: string): void } }) => {
    // `octokit` of the `octokit` package applies the retry plugin before any plugin added to it.
    const { retryRequest } = (octokit as typeof octokit & { retry: RetryApi })
      .retry;
    const retry: RetryApi = {
      retryRequest(error, retries, backoff) {
        const advised = parseRetryAfter(error.response?.headers['retry-after']);
        const retryAfter = advised ?? backoff;
        const retrying = (error.request.request?.retryCount ?? 0) < retries;
        // The path only: a reviewer reads the route, and the host is the integration's.
        const { pathname } = new URL(error.request.url, 'http://github.test');
        const outcome = retrying
          ? `retrying after ${retryAfter} s`
          : 'giving up';
        (warn ?? octokit.log.warn)(
          `GitHub HTTP ${error.status} on ${error.request.method} ${pathname}: ${outcome}`,
        );
        return retryRequest(error, retries, retryAfter);
      },
    };
    return { retry };
  };
}
