/**
 * Rate-limit settings for the tests' GitHub and GitLab clients: throttling and retries stay on,
 * with a millisecond standing for a second and no real sleep, so no test waits out jest's limit.
 */
export const testClientLimits = {
  githubRateLimits: {
    retryAfterBaseValue: 1,
    writeSpacingMs: 1,
    notifyingSpacingMs: 1,
  },
  gitlabRetry: { sleep: async () => {} },
};
