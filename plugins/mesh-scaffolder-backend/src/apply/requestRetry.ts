import { ApiException, HttpMethod } from '@kubernetes/client-node';

/** Attempts of one request, the first included: enough to ride out a short overload, bounded. */
export const MAX_ATTEMPTS = 4;
const BASE_BACKOFF_MS = 250;
/** A Retry-After beyond this is not waited for: the cluster is overloaded for longer than a step. */
const MAX_RETRY_AFTER_MS = 10_000;

/**
 * How long to wait before another attempt, or undefined when the failure is final. 429 (API
 * priority and fairness) never reached a handler, so any request may be sent again; a 5xx only
 * for requests that are idempotent (GET, and PATCH as server-side apply), never a POST.
 */
export function retryDelayMs(
  error: unknown,
  method: HttpMethod,
  attempt: number,
): number | undefined {
  if (!(error instanceof ApiException) || attempt >= MAX_ATTEMPTS) {
    return undefined;
  }
  const retriable =
    error.code === 429 || (error.code >= 500 && method !== HttpMethod.POST);
  if (!retriable) {
    return undefined;
  }
  const retryAfter = Number(
    (error.headers as Record<string, string> | undefined)?.['retry-after'],
  );
  if (Number.isFinite(retryAfter) && retryAfter >= 0) {
    const ms = retryAfter * 1000;
    return ms <= MAX_RETRY_AFTER_MS ? ms : undefined;
  }
  return BASE_BACKOFF_MS * 2 ** (attempt - 1);
}
