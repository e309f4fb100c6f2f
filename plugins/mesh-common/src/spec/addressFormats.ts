import { FormatOptions, formattedString } from './formattedString';
import { isDnsSubdomain } from './formats';
import { isIpAddress, parseIpAddressRange } from './ipAddresses';

/** Network address formats: URLs, IP addresses and ranges, host:port service addresses. */

const URL_PATTERN =
  /^https?:\/\/(?<host>[a-z0-9.-]+|\[[0-9a-fA-F:]+\])(?::(?<port>[0-9]{1,5}))?(?<path>\/[A-Za-z0-9._~!$&'()*+,;=:@%/-]*)?$/;

/** Matches an http(s) URL with host, optional port and path, without query or fragment. */
export function isHttpUrl(value: string): boolean {
  const match = URL_PATTERN.exec(value);
  if (!match?.groups) {
    return false;
  }
  const { host, port } = match.groups;
  const hostValid = host.startsWith('[')
    ? isIpAddress(host.slice(1, -1))
    : isDnsSubdomain(host) || isIpAddress(host);
  const portValid =
    port === undefined || (Number(port) >= 1 && Number(port) <= 65535);
  return hostValid && portValid;
}

/** An http:// or https:// URL (in-cluster service URLs, dashboards, Git repositories). */
export function httpUrl(options?: FormatOptions) {
  return formattedString(
    512,
    isHttpUrl,
    'an http:// or https:// URL with a lowercase host, optional port 1-65535 and path (no spaces, query or fragment), at most 512 characters',
    options,
  );
}

/** An IPv4 or IPv6 address, as pinned on a LoadBalancer Service. */
export function ipAddress(options?: FormatOptions) {
  return formattedString(
    39,
    isIpAddress,
    'an IPv4 address (e.g. 10.0.0.10) or an IPv6 address',
    options,
  );
}

/** An IP address or a DNS name at which another cluster reaches a gateway. */
export function ipAddressOrHostName(options?: FormatOptions) {
  return formattedString(
    253,
    value => isIpAddress(value) || isDnsSubdomain(value),
    'an IPv4/IPv6 address or a DNS host name (a-z, 0-9, "-" and ".")',
    options,
  );
}

/** A MetalLB address pool entry: CIDR or first-last range. */
export function ipAddressRange() {
  return formattedString(
    83,
    value => parseIpAddressRange(value) !== undefined,
    'a CIDR without host bits (e.g. 10.34.124.115/32) or a range first-last (e.g. 10.0.0.10-10.0.0.20)',
  );
}

/** `host:port` of an in-cluster service that proxies export to (Istio extension providers take this form). */
export function serviceAddress(options?: FormatOptions) {
  return formattedString(
    259,
    value => {
      const separator = value.lastIndexOf(':');
      const host = value.slice(0, separator);
      const port = value.slice(separator + 1);
      return (
        separator > 0 &&
        isDnsSubdomain(host) &&
        /^[1-9][0-9]{0,4}$/.test(port) &&
        Number(port) <= 65535
      );
    },
    'host:port with a DNS host name (a-z, 0-9, "-", ".") and a port 1-65535, e.g. otel-collector.observability.svc.cluster.local:4317',
    options,
  );
}
