import { KubernetesObject, V1Status } from '@kubernetes/client-node';
import { ClusterObjectApi, ObjectReference } from './clusterObjectApi';
import { KubeRequestError } from './kubeRequestError';

/** The server's verdict on one apply request. */
export type ApplyAnswer =
  | { ok: true; object: KubernetesObject }
  | { ok: false; reason: string; namespaceMissing?: string };

/**
 * One server-side apply request. Conflicts (409) are turned into a message naming each field and
 * the manager that owns it, read from the Status causes, so the template author can decide whether
 * to `force`. Failures without an answer (unreachable, reset, timed out, cancelled) are answers
 * too, so every object of a tier gets its outcome.
 */
export async function serverSideApply(
  client: ClusterObjectApi,
  object: KubernetesObject & ObjectReference,
  options: { dryRun: boolean; force: boolean },
): Promise<ApplyAnswer> {
  try {
    return { ok: true, object: await client.serverSideApply(object, options) };
  } catch (error) {
    if (!(error instanceof KubeRequestError)) {
      throw error;
    }
    return error.code === undefined
      ? { ok: false, reason: error.message }
      : { ok: false, ...describeFailure(error.code, error.status) };
  }
}

function describeFailure(
  code: number,
  status: V1Status | undefined,
): { reason: string; namespaceMissing?: string } {
  const message = status?.message ?? `HTTP ${code}`;
  if (code === 409 && status?.reason === 'Conflict') {
    return { reason: describeConflicts(status) ?? message };
  }
  const details = status?.details;
  if (code === 404 && details?.kind === 'namespaces' && details.name) {
    return { reason: message, namespaceMissing: details.name };
  }
  if (code === 401) {
    return { reason: 'Unauthorized: the service account token was rejected' };
  }
  if (code === 403) {
    return { reason: `Forbidden: ${message}` };
  }
  return { reason: `${status?.reason ?? `HTTP ${code}`}: ${message}` };
}

function describeConflicts(status: V1Status): string | undefined {
  const fields = (status.details?.causes ?? [])
    .filter(cause => cause.field)
    .map(cause => {
      const manager =
        /conflict with "([^"]+)"/.exec(cause.message ?? '')?.[1] ??
        'another manager';
      return `${cause.field} (owned by "${manager}")`;
    });
  if (fields.length === 0) {
    return undefined;
  }
  return `conflict: ${fields.join(
    ', ',
  )}; not overwritten — set force: true to take these fields`;
}
