import type { MeshBundle } from '../bundle/meshBundle';

/** `name.namespace` of every Service a rendered tracing component creates, by cluster tree. */
export function tracingServices(
  bundle: MeshBundle,
  cluster: string,
): Set<string> {
  const services = new Set<string>();
  const add = (names: string[], namespace: string) =>
    names.forEach(name => services.add(`${name}.${namespace}`));
  for (const { cluster: owner, object } of bundle.objects) {
    if (owner !== cluster) continue;
    const { name, namespace = 'default' } = object.metadata;
    const group = object.apiVersion.split('/')[0];
    if (
      group === 'opentelemetry.io' &&
      object.kind === 'OpenTelemetryCollector'
    ) {
      // The operator names the collector's Services after the CR.
      add(
        [
          `${name}-collector`,
          `${name}-collector-headless`,
          `${name}-collector-monitoring`,
        ],
        namespace,
      );
    } else if (group === 'jaegertracing.io' && object.kind === 'Jaeger') {
      add(
        [
          `${name}-collector`,
          `${name}-collector-headless`,
          `${name}-query`,
          `${name}-agent`,
        ],
        namespace,
      );
    } else if (object.apiVersion === 'v1' && object.kind === 'Service') {
      add([name], namespace);
    }
  }
  for (const values of bundle.helmValues) {
    if (values.cluster !== cluster || values.chart !== 'tempo') continue;
    // The tempo chart's full name: the release name when it contains "tempo", else "<release>-tempo".
    add(
      [
        values.release.includes('tempo')
          ? values.release
          : `${values.release}-tempo`,
      ],
      values.namespace,
    );
  }
  return services;
}

/**
 * The in-cluster `name.namespace` an address refers to, or undefined for an address outside
 * the cluster's service domain. Accepts `[ns/]host[:port]`, URLs, and hosts written as `name`,
 * `name.ns`, `name.ns.svc` or `name.ns.svc.cluster.local`.
 */
export function inClusterService(
  address: string,
  defaultNamespace?: string,
): string | undefined {
  let host = address.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
  host = host.replace(/[/?#].*$/, '');
  if (address.includes('/') && !/^[a-z][a-z0-9+.-]*:\/\//i.test(address)) {
    host = address.slice(address.indexOf('/') + 1);
  }
  host = host.replace(/:\d+$/, '');
  const labels = host.split('.');
  if (labels.length === 1) {
    return defaultNamespace ? `${labels[0]}.${defaultNamespace}` : undefined;
  }
  const rest = labels.slice(2).join('.');
  if (rest === '' || rest === 'svc' || rest === 'svc.cluster.local') {
    return `${labels[0]}.${labels[1]}`;
  }
  return undefined;
}
