import { randomBytes } from 'node:crypto';
import { statusError, StatusBody } from './contractStatus';

/** A token the contract server issued through the TokenRequest API. */
export interface IssuedToken {
  namespace: string;
  serviceAccount: string;
  token: string;
  expirationSeconds: number;
}

/** `POST /api/v1/namespaces/<ns>/serviceaccounts/<name>/token`, or undefined for any other path. */
export function tokenRequestPath(
  segments: string[],
): { namespace: string; serviceAccount: string } | undefined {
  const [api, version, namespaces, namespace, accounts, name, sub] = segments;
  const matches =
    segments.length === 7 &&
    api === 'api' &&
    version === 'v1' &&
    namespaces === 'namespaces' &&
    accounts === 'serviceaccounts' &&
    sub === 'token';
  return matches
    ? {
        namespace: decodeURIComponent(namespace),
        serviceAccount: decodeURIComponent(name),
      }
    : undefined;
}

/**
 * What the API server answers a TokenRequest: 404 when the service account does not exist, 400
 * for a body that is not a TokenRequest or asks for less than the 10 minute minimum, else a new
 * token with its expiration.
 */
export function answerTokenRequest(
  target: { namespace: string; serviceAccount: string },
  accountExists: boolean,
  text: string,
  issued: IssuedToken[],
): [number, unknown] {
  if (!accountExists) {
    const status: StatusBody = statusError(
      404,
      'NotFound',
      `serviceaccounts "${target.serviceAccount}" not found`,
      { name: target.serviceAccount, kind: 'serviceaccounts' },
    );
    return [404, status];
  }
  let body: any;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  const seconds = body?.spec?.expirationSeconds ?? 3600;
  if (body?.kind !== 'TokenRequest' || seconds < 600) {
    return [
      400,
      statusError(
        400,
        'BadRequest',
        'TokenRequest.authentication.k8s.io is invalid: spec.expirationSeconds: may not specify a duration less than 10 minutes',
      ),
    ];
  }
  const token = `issued-${randomBytes(12).toString('hex')}`;
  issued.push({ ...target, token, expirationSeconds: seconds });
  return [
    201,
    {
      apiVersion: 'authentication.k8s.io/v1',
      kind: 'TokenRequest',
      metadata: { name: target.serviceAccount, namespace: target.namespace },
      spec: { audiences: [], expirationSeconds: seconds },
      status: {
        token,
        expirationTimestamp: new Date(
          Date.now() + seconds * 1000,
        ).toISOString(),
      },
    },
  ];
}
