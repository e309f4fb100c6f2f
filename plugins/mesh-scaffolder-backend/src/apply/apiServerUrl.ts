import { isIP } from 'node:net';

/**
 * Checks a Kubernetes API server URL from config before a bearer token is sent to it, in the
 * spirit of the kubernetes backend's `validateClusterApiServerUrl`: only plain http(s) origins,
 * nothing that could smuggle credentials or redirect the request path. Plain `http:` is only
 * accepted for loopback hosts (`kubectl proxy`, local test servers) so that a token never crosses
 * a network unencrypted. Private addresses are allowed: API servers in config are chosen by the
 * Backstage operator, and most of them live on private networks.
 *
 * @param configKey - the config key the URL came from, named in every error
 */
export function validateApiServerUrl(rawUrl: string, configKey: string): URL {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    throw new Error(
      `${configKey} must be an absolute http(s) URL, got an unparseable value`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error(
      `${configKey} must use https (or http for a loopback host), got ${url.protocol}`,
    );
  }
  if (url.username || url.password) {
    throw new Error(
      `${configKey} must not contain credentials; use serviceAccountToken`,
    );
  }
  if (url.search || rawUrl.includes('?')) {
    throw new Error(`${configKey} must not contain a query string`);
  }
  if (url.hash || rawUrl.includes('#')) {
    throw new Error(`${configKey} must not contain a fragment`);
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    throw new Error(
      `${configKey} uses http for the non-loopback host ${url.hostname}; use https so the token is not sent in clear text`,
    );
  }
  return url;
}

/** True for `localhost`, 127.0.0.0/8 and ::1. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost') {
    return true;
  }
  if (isIP(host) === 4) {
    return host.startsWith('127.');
  }
  return host === '::1';
}
