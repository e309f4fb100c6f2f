import {
  parseReportedIstioVersion,
  ProxyVersionCount,
} from '@mesh-templates/plugin-mesh-common';

/** Proxies whose version is not one istiod runs: the "skew" column. */
export function proxiesOffIstiodVersions(
  proxies: ProxyVersionCount[],
  istiodVersions: string[],
): number {
  if (istiodVersions.length === 0) return 0;
  return proxies
    .filter(p => !istiodVersions.includes(p.version))
    .reduce((n, p) => n + p.count, 0);
}

/**
 * Proxy versions further than `maxMinorSkew` minor versions from every istiod version — outside the
 * skew Istio supports between data plane and control plane.
 */
export function unsupportedProxyVersions(
  proxies: ProxyVersionCount[],
  istiodVersions: string[],
  maxMinorSkew: number,
): ProxyVersionCount[] {
  const istiod = istiodVersions
    .map(parseReportedIstioVersion)
    .filter(v => v !== undefined);
  if (istiod.length === 0) return [];
  return proxies.filter(p => {
    const proxy = parseReportedIstioVersion(p.version);
    if (!proxy) return false;
    return istiod.every(
      i =>
        i.major !== proxy.major ||
        Math.abs(i.minor - proxy.minor) > maxMinorSkew,
    );
  });
}
