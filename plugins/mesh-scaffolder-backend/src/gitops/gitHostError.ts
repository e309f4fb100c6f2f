import { CustomErrorBase } from '@backstage/errors';

/**
 * A failed call to GitHub or GitLab, reduced to what is safe to show: the operation, the HTTP
 * status and the host's own message. Client errors carry the request with its Authorization or
 * PRIVATE-TOKEN header; that object is dropped here so no task log or output can print it.
 */
export class GitHostError extends CustomErrorBase {
  readonly status?: number;

  constructor(message: string, status?: number) {
    super(message);
    this.status = status;
  }
}

function hostMessage(error: unknown): { status?: number; message: string } {
  const e = error as {
    status?: number;
    message?: string;
    response?: { status?: number; data?: { message?: unknown } };
    cause?: { description?: unknown; response?: { status?: number } };
  };
  const status = e?.status ?? e?.response?.status ?? e?.cause?.response?.status;
  const fromBody = e?.response?.data?.message ?? e?.cause?.description;
  const raw =
    typeof fromBody === 'string'
      ? fromBody
      : JSON.stringify(fromBody ?? e?.message ?? String(error));
  return { status, message: raw };
}

/** Redacts every occurrence of the given secrets; the last guard before text leaves the step. */
export function redactSecrets(
  text: string,
  secrets: Array<string | undefined>,
): string {
  let result = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 4) {
      result = result.split(secret).join('[redacted]');
    }
  }
  return result;
}

/** Runs one host call and turns any failure into a GitHostError that names the operation. */
export async function callHost<T>(
  operation: string,
  secrets: Array<string | undefined>,
  fn: () => Promise<T>,
): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    const { status, message } = hostMessage(error);
    throw new GitHostError(
      redactSecrets(
        `${operation} failed${status ? ` (HTTP ${status})` : ''}: ${message}`,
        secrets,
      ),
      status,
    );
  }
}
