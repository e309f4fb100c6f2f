import { KubeApiClient } from './kubeClient';

/** The server's verdict on one apply request. */
export type ApplyAnswer =
  | { ok: true; object: any }
  | { ok: false; status: number; reason: string; namespaceMissing?: string };

/**
 * One server-side apply request. Conflicts (409) are turned into a message naming each field and
 * the manager that owns it, read from the Status causes, so the template author can decide whether
 * to `force`.
 */
export async function serverSideApply(
  client: KubeApiClient,
  path: string,
  object: unknown,
  options: { dryRun: boolean; force: boolean },
): Promise<ApplyAnswer> {
  const response = await client.apply(path, object, options);
  if (response.status >= 200 && response.status < 300) {
    return { ok: true, object: response.body };
  }
  return {
    ok: false,
    status: response.status,
    ...describeFailure(response.status, response.body),
  };
}

function describeFailure(
  status: number,
  body: any,
): { reason: string; namespaceMissing?: string } {
  const message: string = body?.message ?? `HTTP ${status}`;
  if (status === 409 && body?.reason === 'Conflict') {
    return { reason: describeConflicts(body) ?? message };
  }
  if (
    status === 404 &&
    body?.details?.kind === 'namespaces' &&
    body.details.name
  ) {
    return { reason: message, namespaceMissing: String(body.details.name) };
  }
  if (status === 401) {
    return { reason: 'Unauthorized: the service account token was rejected' };
  }
  if (status === 403) {
    return { reason: `Forbidden: ${message}` };
  }
  return { reason: `${body?.reason ?? `HTTP ${status}`}: ${message}` };
}

function describeConflicts(body: any): string | undefined {
  const causes: Array<{ field?: string; message?: string }> =
    body?.details?.causes ?? [];
  const fields = causes
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
