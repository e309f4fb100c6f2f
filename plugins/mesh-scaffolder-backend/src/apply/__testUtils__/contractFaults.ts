/** A request as the contract API server recorded it. */
export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  contentType?: string;
  accept?: string;
}

/**
 * A fault the contract API server injects into its answer to one request:
 * - `reset`: the connection is destroyed before any answer (a dropped TCP connection);
 * - `hang`: no answer at all until the server stops (a stuck API server or network);
 * - `status`: an error Status with that code, and `Retry-After` when given (429, 5xx).
 */
export type ContractFault =
  | { kind: 'reset' }
  | { kind: 'hang' }
  | { kind: 'status'; code: number; retryAfterSeconds?: number };

/** Picks the fault for a request, or none; called once per request, in arrival order. */
export type FaultPlan = (request: RecordedRequest) => ContractFault | undefined;

/** True for a real (not dry-run) server-side apply of an object whose path ends with `suffix`. */
export function isWriteOf(request: RecordedRequest, suffix: string): boolean {
  return (
    request.method === 'PATCH' &&
    request.query.dryRun === undefined &&
    request.path.endsWith(suffix)
  );
}
