import Bottleneck from 'bottleneck';
import { Octokit } from 'octokit';
import { honourRetryAfter } from './githubRetryAfter';

/** How the GitHub client paces writes and waits out rate limits; tests pass small values. */
export interface GithubRateLimitOptions {
  /** Milliseconds per second of a Retry-After or a rate-limit reset: 1000 outside tests. */
  retryAfterBaseValue: number;
  /**
   * Least milliseconds between two writes of one client. GitHub advises a second for bulk writes;
   * a run makes about five, so none by default and secondary limits are waited out when they come.
   */
  writeSpacingMs: number;
  /**
   * Least milliseconds between two requests that notify people (opening a pull request,
   * requesting reviewers). Unset: the plugin's process-wide group, three seconds apart, so
   * concurrent runs in one backend stay under GitHub's content-creation limit.
   */
  notifyingSpacingMs?: number;
  /** Retries of one request after a rate limit, a 429 or a 5xx. */
  maxRetries: number;
  /** Where each wait or give-up is reported; Octokit's log (the console) when unset. */
  warn?: (message: string) => void;
}

export const defaultGithubRateLimits: GithubRateLimitOptions = {
  retryAfterBaseValue: 1000,
  writeSpacingMs: 0,
  maxRetries: 2,
};

/**
 * An Octokit with the throttling and retry plugins on (both ship in `octokit`): a secondary rate
 * limit (403) waits for its Retry-After, an exhausted quota (403, remaining 0) for its reset, a
 * 429 or 5xx for its Retry-After or else the retry plugin's backoff — each at most `maxRetries`
 * times, then the error.
 */
export function createGithubOctokit(options: {
  auth: string;
  baseUrl?: string;
  limits?: Partial<GithubRateLimitOptions>;
}): Octokit {
  const limits = { ...defaultGithubRateLimits, ...options.limits };
  const retryWhileBounded =
    (limit: string) =>
    (
      retryAfter: number,
      request: { method: string; url: string },
      octokit: { log: { warn(message: string): void } },
      retryCount: number,
    ) => {
      const retrying = retryCount < limits.maxRetries;
      (limits.warn ?? octokit.log.warn)(
        `GitHub ${limit} on ${request.method} ${request.url}: ${
          retrying ? `retrying after ${retryAfter} s` : 'giving up'
        }`,
      );
      return retrying;
    };
  const RetryAfterOctokit = Octokit.plugin(honourRetryAfter(limits.warn));
  return new RetryAfterOctokit({
    auth: options.auth,
    baseUrl: options.baseUrl,
    throttle: {
      onRateLimit: retryWhileBounded('rate limit'),
      onSecondaryRateLimit: retryWhileBounded('secondary rate limit'),
      retryAfterBaseValue: limits.retryAfterBaseValue,
      // Per client, not the plugin's process-wide default group of one-second spacing.
      write: new Bottleneck.Group({
        maxConcurrent: 1,
        minTime: limits.writeSpacingMs,
      }),
      ...(limits.notifyingSpacingMs === undefined
        ? {}
        : {
            notifications: new Bottleneck.Group({
              maxConcurrent: 1,
              minTime: limits.notifyingSpacingMs,
            }),
          }),
    },
    retry: {
      retries: limits.maxRetries,
      retryAfterBaseValue: limits.retryAfterBaseValue,
    },
  });
}
