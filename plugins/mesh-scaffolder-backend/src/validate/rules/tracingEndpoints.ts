import type { BundleProblem, MeshBundle } from '../../bundle/meshBundle';
import { fieldPath } from '../fieldPath';
import { controlPlanes } from '../istioInstallations';
import { objectSubject } from '../problemSubject';
import { inClusterService, tracingServices } from '../tracingServices';
import { isRecord, valueAt } from '../valuesAt';

function unknownTarget(address: string, services: Set<string>): string {
  const rendered = [...services].sort();
  return `points at ${address}, but the bundle renders no such service${
    rendered.length
      ? ` (tracing services: ${rendered.join(', ')})`
      : ' (it renders no tracing component)'
  }`;
}

/**
 * Spans must go somewhere that exists: every mesh extension provider and every exporter of a
 * rendered OpenTelemetryCollector that addresses an in-cluster service must address a Service
 * created by a rendered collector, Jaeger or Tempo. Addresses outside the cluster are not judged.
 */
export function tracingEndpoints(bundle: MeshBundle): BundleProblem[] {
  const problems: BundleProblem[] = [];
  for (const cluster of bundle.clusters) {
    const services = tracingServices(bundle, cluster);
    for (const plane of controlPlanes(bundle).filter(
      p => p.cluster === cluster,
    )) {
      const providers = valueAt(plane.meshConfig, ['extensionProviders']);
      if (!Array.isArray(providers)) continue;
      providers.forEach((provider, i) => {
        if (!isRecord(provider)) return;
        for (const [kind, settings] of Object.entries(provider)) {
          if (
            kind === 'name' ||
            !isRecord(settings) ||
            typeof settings.service !== 'string'
          )
            continue;
          const target = inClusterService(settings.service);
          const path = `${plane.meshConfigPath}.extensionProviders[${i}].${kind}.service`;
          if (
            !settings.service.includes('.') &&
            !settings.service.includes('/')
          ) {
            problems.push({
              file: plane.file,
              subject: plane.subject,
              path,
              message: `"${settings.service}" must name the service with its namespace, e.g. <name>.<namespace>.svc.cluster.local`,
            });
          } else if (target && !services.has(target)) {
            problems.push({
              file: plane.file,
              subject: plane.subject,
              path,
              message: unknownTarget(settings.service, services),
            });
          }
        }
      });
    }
    for (const entry of bundle.objects) {
      const { object } = entry;
      if (entry.cluster !== cluster || object.kind !== 'OpenTelemetryCollector')
        continue;
      const exporters = valueAt(object, ['spec', 'config', 'exporters']);
      if (!isRecord(exporters)) continue;
      for (const [name, exporter] of Object.entries(exporters)) {
        const endpoint = isRecord(exporter) ? exporter.endpoint : undefined;
        if (typeof endpoint !== 'string') continue;
        const target = inClusterService(
          endpoint,
          object.metadata.namespace ?? 'default',
        );
        if (target && !services.has(target)) {
          problems.push({
            file: entry.file,
            subject: objectSubject(object),
            path: fieldPath(['spec', 'config', 'exporters', name, 'endpoint']),
            message: unknownTarget(endpoint, services),
          });
        }
      }
    }
  }
  return problems;
}
