import { V1Status } from '@kubernetes/client-node';

/**
 * An API request that failed: `code` and `status` are the server's answer (a Kubernetes Status),
 * both undefined when no answer came. The message holds neither headers nor the request.
 */
export class KubeRequestError extends Error {
  constructor(
    message: string,
    readonly code?: number,
    readonly status?: V1Status,
  ) {
    super(message);
    this.name = 'KubeRequestError';
  }
}
