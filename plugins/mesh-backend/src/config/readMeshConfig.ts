import { Config } from '@backstage/config';
import {
  ClusterLinks,
  DEFAULT_HEALTH_THRESHOLDS,
  HealthThresholds,
  RatioThreshold,
} from '@mesh-templates/plugin-mesh-common';
import { readUpgradeGateThresholds } from './readUpgradeGateThresholds';
import {
  DEFAULT_CACHE_TTL_MS,
  DEFAULT_CLUSTER_TIMEOUT_MS,
  DEFAULT_MAX_BUFFERED_ANSWERS,
  MeshClusterConfig,
  MeshConfig,
  PrometheusTarget,
} from './MeshConfig';

const CLUSTER_NAME = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

function fail(key: string, message: string): never {
  throw new Error(`Invalid config at '${key}': ${message}`);
}

/**
 * Only http(s) URLs without embedded credentials: these are the only addresses the plugin ever fetches,
 * and userinfo in a URL would end up in places credentials must not go.
 */
function readBaseUrl(config: Config, key: string, path: string): string {
  const raw = config.getString(key);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    fail(path, 'not a valid URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    fail(path, 'must be an http or https URL');
  if (url.username || url.password)
    fail(path, 'must not contain credentials; use token or headers');
  if (url.search || url.hash)
    fail(path, 'must not contain a query or fragment');
  return url.toString().replace(/\/+$/, '');
}

function readPrometheus(config: Config, path: string): PrometheusTarget {
  const headers: Record<string, string> = {};
  const headerConfig = config.getOptionalConfig('headers');
  for (const name of headerConfig?.keys() ?? []) {
    headers[name] = headerConfig!.getString(name);
  }
  const token = config.getOptionalString('token');
  if (token) headers.Authorization = `Bearer ${token}`;
  return { url: readBaseUrl(config, 'url', `${path}.url`), headers };
}

function readRatio(
  config: Config | undefined,
  path: string,
  defaults: RatioThreshold,
): RatioThreshold {
  const degraded = config?.getOptionalNumber('degraded') ?? defaults.degraded;
  const failing = config?.getOptionalNumber('failing') ?? defaults.failing;
  for (const [key, value] of [
    ['degraded', degraded],
    ['failing', failing],
  ] as const) {
    if (!(value >= 0 && value <= 1))
      fail(`${path}.${key}`, 'must be a ratio between 0 and 1');
  }
  if (degraded > failing)
    fail(`${path}.degraded`, `must not exceed ${path}.failing`);
  return { degraded, failing };
}

/** Days before expiry; the failing limit is the nearer one. */
function readDayLimits(config: Config | undefined) {
  const path = 'mesh.thresholds.certificateExpiryDays';
  const defaults = DEFAULT_HEALTH_THRESHOLDS.certificateExpiryDays;
  const degraded = config?.getOptionalNumber('degraded') ?? defaults.degraded;
  const failing = config?.getOptionalNumber('failing') ?? defaults.failing;
  if (!(failing >= 0)) fail(`${path}.failing`, 'must be a number of days');
  if (!(degraded >= failing))
    fail(`${path}.degraded`, `must not be less than ${path}.failing`);
  return { degraded, failing };
}

function readPositive(config: Config, key: string, fallback: number): number {
  const value = config.getOptionalNumber(key) ?? fallback;
  if (!(value > 0))
    fail(`mesh.${key}`, 'must be a positive number of milliseconds');
  return value;
}

function readMaxBufferedAnswers(mesh: Config | undefined): number {
  const value =
    mesh?.getOptionalNumber('maxBufferedAnswers') ??
    DEFAULT_MAX_BUFFERED_ANSWERS;
  if (!(Number.isInteger(value) && value >= 1))
    fail('mesh.maxBufferedAnswers', 'must be a whole number of at least 1');
  return value;
}

function readLinks(links: Config | undefined): ClusterLinks {
  return {
    ...(links?.getOptionalString('kiali') && {
      kiali: links.getString('kiali'),
    }),
    ...(links?.getOptionalString('grafana') && {
      grafana: links.getString('grafana'),
    }),
    ...(links?.getOptionalString('tracing') && {
      tracing: links.getString('tracing'),
    }),
  };
}

/** `mesh.thresholds`, each limit defaulting to mesh-common's (Kiali's) value. */
function readThresholds(thresholdConfig: Config | undefined): HealthThresholds {
  return {
    errorRate5xx: readRatio(
      thresholdConfig?.getOptionalConfig('errorRate5xx'),
      'mesh.thresholds.errorRate5xx',
      DEFAULT_HEALTH_THRESHOLDS.errorRate5xx,
    ),
    errorRate4xx: readRatio(
      thresholdConfig?.getOptionalConfig('errorRate4xx'),
      'mesh.thresholds.errorRate4xx',
      DEFAULT_HEALTH_THRESHOLDS.errorRate4xx,
    ),
    xdsRejectsPerMinute:
      thresholdConfig?.getOptionalNumber('xdsRejectsPerMinute') ??
      DEFAULT_HEALTH_THRESHOLDS.xdsRejectsPerMinute,
    maxProxyMinorVersionSkew:
      thresholdConfig?.getOptionalNumber('maxProxyMinorVersionSkew') ??
      DEFAULT_HEALTH_THRESHOLDS.maxProxyMinorVersionSkew,
    certificateExpiryDays: readDayLimits(
      thresholdConfig?.getOptionalConfig('certificateExpiryDays'),
    ),
    endOfLifeWarningDays:
      thresholdConfig?.getOptionalNumber('endOfLifeWarningDays') ??
      DEFAULT_HEALTH_THRESHOLDS.endOfLifeWarningDays,
  };
}

/** Reads `mesh.*` once at startup; every error names the config key it is about. */
export function readMeshConfig(root: Config): MeshConfig {
  const mesh = root.getOptionalConfig('mesh');
  const thresholds = readThresholds(mesh?.getOptionalConfig('thresholds'));
  const upgradeGate = readUpgradeGateThresholds(
    mesh?.getOptionalConfig('upgradeGate'),
    thresholds,
  );
  if (!mesh) {
    return {
      clusters: [],
      clusterTimeoutMs: DEFAULT_CLUSTER_TIMEOUT_MS,
      cacheTtlMs: DEFAULT_CACHE_TTL_MS,
      maxBufferedAnswers: DEFAULT_MAX_BUFFERED_ANSWERS,
      thresholds,
      upgradeGate,
    };
  }

  const globalConfig = mesh.getOptionalConfig('prometheus');
  const global = globalConfig
    ? readPrometheus(globalConfig, 'mesh.prometheus')
    : undefined;
  const clusterLabel =
    globalConfig?.getOptionalString('clusterLabel') ?? 'cluster';
  if (!/^[a-zA-Z_][a-zA-Z0-9_]*$/.test(clusterLabel)) {
    fail('mesh.prometheus.clusterLabel', 'must be a Prometheus label name');
  }

  const seen = new Set<string>();
  const clusters: MeshClusterConfig[] = (
    mesh.getOptionalConfigArray('clusters') ?? []
  ).map((c, i) => {
    const path = `mesh.clusters[${i}]`;
    const name = c.getString('name');
    if (!CLUSTER_NAME.test(name))
      fail(`${path}.name`, 'must be a DNS-1123 label such as cluster-east');
    if (seen.has(name))
      fail(`${path}.name`, `duplicate cluster name '${name}'`);
    seen.add(name);
    const own = c.getOptionalConfig('prometheus');
    let prometheus: PrometheusTarget;
    if (own) {
      prometheus = readPrometheus(own, `${path}.prometheus`);
    } else if (global) {
      prometheus = {
        ...global,
        clusterMatcher: { label: clusterLabel, value: name },
      };
    } else {
      fail(
        `${path}.prometheus`,
        'missing, and there is no mesh.prometheus to fall back to',
      );
    }
    return { name, prometheus, links: readLinks(c.getOptionalConfig('links')) };
  });
  if (global && clusters.length === 0) {
    fail('mesh.clusters', 'list the cluster names held by mesh.prometheus');
  }

  return {
    clusters,
    clusterTimeoutMs: readPositive(
      mesh,
      'clusterTimeoutMs',
      DEFAULT_CLUSTER_TIMEOUT_MS,
    ),
    cacheTtlMs: readPositive(mesh, 'cacheTtlMs', DEFAULT_CACHE_TTL_MS),
    maxBufferedAnswers: readMaxBufferedAnswers(mesh),
    thresholds,
    upgradeGate,
  };
}
