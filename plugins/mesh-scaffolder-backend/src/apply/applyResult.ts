/**
 * What happened to one object; `failed` and `skipped` carry a reason. `deleted` is an object of a
 * retired revision that `removeRevision` deleted (see removeRevision.ts).
 */
export type ApplyOutcome =
  | 'created'
  | 'configured'
  | 'unchanged'
  | 'deleted'
  | 'failed'
  | 'skipped';

export interface ObjectApplyResult {
  cluster: string;
  apiVersion: string;
  kind: string;
  name: string;
  namespace?: string;
  /** Bundle file the object came from; absent for objects built at apply time (remote secrets). */
  file?: string;
  outcome: ApplyOutcome;
  reason?: string;
}

export interface ClusterApplyReport {
  cluster: string;
  /** True when only a server dry-run ran: outcomes say what would happen. */
  dryRun: boolean;
  results: ObjectApplyResult[];
  /** CRDs the cluster must serve before the bundle can be applied, by name. */
  missingCrds: string[];
  /** Objects that did not become ready in time, as `Kind namespace/name: detail`. */
  notReady: string[];
}

/** True when the apply of a cluster did not fully succeed. */
export function hasFailures(report: ClusterApplyReport): boolean {
  return (
    report.results.some(r => r.outcome === 'failed') ||
    report.notReady.length > 0
  );
}

/** `Kind namespace/name` of a result, as shown in logs and errors. */
export function describeResult(
  result: Pick<ObjectApplyResult, 'kind' | 'name' | 'namespace'>,
): string {
  return `${result.kind} ${result.namespace ? `${result.namespace}/` : ''}${
    result.name
  }`;
}
