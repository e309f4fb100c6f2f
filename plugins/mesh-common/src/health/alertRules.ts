import { parseIstioVersion } from '../istio/istioVersion';
import { HealthThresholds } from './thresholds';

/** One Prometheus alerting rule, as a PrometheusRule's `spec.groups[].rules[]` holds it. @public */
export interface MeshAlertRule {
  alert: string;
  expr: string;
  for: string;
  labels: { severity: 'warning' | 'critical' };
  annotations: { summary: string; description: string };
}

/** Kiali's (and the health view's) rate window. */
const WINDOW = '5m';
/** An alert must hold this long, so one scrape's blip never pages anyone. */
const FOR = '5m';
const DAY_SECONDS = 86_400;

const requests = `istio_requests_total{reporter="destination"}`;

/** 0.001 → "0.1%", without float noise such as 7.000000000000001. */
function percent(ratio: number): string {
  return `${Number((ratio * 100).toPrecision(6))}%`;
}

function ratioRules(
  name: string,
  codeClass: '5' | '4',
  limits: HealthThresholds['errorRate5xx'],
): MeshAlertRule[] {
  const expr = (limit: number) =>
    `sum(rate(istio_requests_total{reporter="destination",response_code=~"${codeClass}.."}[${WINDOW}])) / sum(rate(${requests}[${WINDOW}])) >= ${limit}`;
  const rule = (
    level: 'Degraded' | 'Failing',
    limit: number,
    severity: 'warning' | 'critical',
  ): MeshAlertRule => ({
    alert: `IstioMesh${name}Ratio${level}`,
    expr: expr(limit),
    for: FOR,
    labels: { severity },
    annotations: {
      summary: `${codeClass}xx ratio at or above ${percent(limit)}`,
      description: `Share of requests answered ${codeClass}xx (destination side, ${WINDOW}) is {{ $value | humanizePercentage }}; the mesh health view marks the cluster ${level.toLowerCase()} from ${percent(
        limit,
      )}.`,
    },
  });
  return [
    rule('Degraded', limits.degraded, 'warning'),
    rule('Failing', limits.failing, 'critical'),
  ];
}

function certificateRules(
  limits: HealthThresholds['certificateExpiryDays'],
): MeshAlertRule[] {
  const certs = [
    ['RootCa', 'citadel_server_root_cert_expiry_timestamp', 'mesh root CA'],
    ['Istiod', 'citadel_server_cert_chain_expiry_timestamp', 'istiod'],
  ] as const;
  return certs.flatMap(([name, metric, what]) =>
    (
      [
        ['Soon', limits.degraded, 'warning'],
        ['Imminent', limits.failing, 'critical'],
      ] as const
    ).map(([level, days, severity]) => ({
      alert: `IstioMesh${name}CertificateExpiry${level}`,
      expr: `min(${metric}) - time() < ${days * DAY_SECONDS}`,
      for: FOR,
      labels: { severity },
      annotations: {
        summary: `${what} certificate expires within ${days} days`,
        description: `The ${what} certificate expires in {{ $value | humanizeDuration }}; the mesh health view marks the cluster ${
          severity === 'critical' ? 'failing' : 'degraded'
        } under ${days} days.`,
      },
    })),
  );
}

/**
 * `1.N.*` for the minors within `skew` of the installed line, as a regex over `istio_build`'s tag:
 * PromQL cannot subtract versions held in labels, but the bundle knows which line it installs.
 */
function supportedTags(istioVersion: string, skew: number): string {
  const version = parseIstioVersion(istioVersion);
  if (version?.major !== 1)
    throw new Error(`not an Istio 1.N.P version: ${istioVersion}`);
  const minor = version.minor;
  const minors = [];
  for (let m = Math.max(0, minor - skew); m <= minor + skew; m++)
    minors.push(m);
  return `1\\\\.(${minors.join('|')})\\\\..*`;
}

/**
 * The mesh's alerting rules, built from the same thresholds the health backend judges with, so the
 * Mesh tab and the pager never disagree: 5xx and 4xx ratios (degraded → warning, failing →
 * critical), istiod down, xDS rejects, sidecars outside the supported skew of the installed Istio
 * line, and root CA / istiod certificate expiry.
 *
 * @public
 */
export function meshAlertRules(
  thresholds: HealthThresholds,
  istioVersion: string,
): MeshAlertRule[] {
  const skew = thresholds.maxProxyMinorVersionSkew;
  return [
    ...ratioRules('5xx', '5', thresholds.errorRate5xx),
    ...ratioRules('4xx', '4', thresholds.errorRate4xx),
    {
      alert: 'IstioMeshIstiodDown',
      expr: `(max(up{job=~".*istiod.*"}) or vector(0)) < 1`,
      for: FOR,
      labels: { severity: 'critical' },
      annotations: {
        summary: 'no istiod target is up',
        description:
          'Prometheus scrapes no istiod that is up: sidecars get no new configuration or certificates.',
      },
    },
    {
      alert: 'IstioMeshXdsRejects',
      expr: `sum(rate(pilot_total_xds_rejects[${WINDOW}])) * 60 > ${thresholds.xdsRejectsPerMinute}`,
      for: FOR,
      labels: { severity: 'warning' },
      annotations: {
        summary: `proxies reject xDS configuration (more than ${thresholds.xdsRejectsPerMinute} per minute)`,
        description:
          'Proxies rejected {{ $value }} xDS configurations per minute over the last 5 minutes.',
      },
    },
    {
      alert: 'IstioMeshProxyVersionSkew',
      expr: `count(istio_build{component="proxy",tag!~"${supportedTags(
        istioVersion,
        skew,
      )}"}) > 0`,
      for: FOR,
      labels: { severity: 'warning' },
      annotations: {
        summary: `sidecars more than ${skew} minor version(s) from Istio ${istioVersion}`,
        description: `{{ $value }} sidecars run a version outside the skew Istio supports with ${istioVersion}; restart them to pick up the current proxy.`,
      },
    },
    ...certificateRules(thresholds.certificateExpiryDays),
  ];
}
