import {
  DEFAULT_KIALI_CHART_VERSION,
  TEMPO_CHART_VERSION,
  UNPINNED_CHART_VERSION,
} from '../chartSources';
import type { PackOutput, TemplatePack } from '../templatePack';
import { jaegerAliasServices } from './jaegerAliasServices';

function kialiChartVersion(version: string): string {
  return version ? version.replace(/^v/, '') : DEFAULT_KIALI_CHART_VERSION;
}

/** Prometheus monitors, Kiali, tracing (Jaeger/Tempo, OTel collector, Telemetry) and Grafana. */
export const observabilityPack: TemplatePack = {
  name: 'observability',
  outputs(context) {
    const { istio, observability, cluster } = context;
    const { prometheus, tracing, kiali, grafana } = observability;
    const outputs: PackOutput[] = [];
    if (observability.monitorsEnabled) {
      outputs.push({
        type: 'objects',
        template: 'observability/prometheus-monitors.yaml.njk',
        file: 'observability/prometheus-monitors.yaml',
        component: 'observability',
        appliedBy: 'kustomize',
        data: {
          podMonitorLabels: {
            monitoring: 'istio-proxies',
            ...prometheus.monitorLabels,
          },
          serviceMonitorLabels: {
            monitoring: 'istio-components',
            ...prometheus.monitorLabels,
          },
        },
        expects: [
          {
            kind: 'PodMonitor',
            name: 'envoy-stats-monitor',
            namespace: istio.namespace,
          },
          {
            kind: 'ServiceMonitor',
            name: 'istio-component-monitor',
            namespace: istio.namespace,
          },
        ],
      });
    }
    if (kiali.enabled && kiali.install === 'operator') {
      outputs.push(
        {
          type: 'helmValues',
          template: 'observability/kiali-operator-values.yaml.njk',
          file: 'observability/values/kiali-operator.yaml',
          component: 'observability',
          chart: 'kiali-operator',
          chartVersion: kialiChartVersion(kiali.version),
          release: 'kiali-operator',
          namespace: kiali.operatorNamespace,
        },
        {
          type: 'objects',
          template: 'observability/kiali-cr.yaml.njk',
          file: 'observability/kiali.yaml',
          component: 'observability',
          appliedBy: 'kustomize',
          expects: [
            { kind: 'Kiali', name: 'kiali', namespace: kiali.namespace },
          ],
        },
      );
    }
    if (kiali.enabled && kiali.install === 'helm') {
      outputs.push({
        type: 'helmValues',
        template: 'observability/kiali-server-values.yaml.njk',
        file: 'observability/values/kiali-server.yaml',
        component: 'observability',
        chart: 'kiali-server',
        chartVersion: kialiChartVersion(kiali.version),
        release: 'kiali',
        namespace: kiali.namespace,
      });
    }
    if (tracing.backend === 'jaeger') {
      const aliases = jaegerAliasServices(context);
      outputs.push({
        type: 'objects',
        template: 'observability/jaeger.yaml.njk',
        file: 'observability/jaeger.yaml',
        component: 'observability',
        appliedBy: 'kustomize',
        data: { jaegerAliases: aliases },
        expects: [
          {
            kind: 'Jaeger',
            name: 'jaeger',
            namespace: tracing.backendNamespace,
          },
          ...aliases.map(a => ({
            kind: 'Service',
            name: a.name,
            namespace: tracing.backendNamespace,
          })),
        ],
      });
    }
    if (tracing.backend === 'tempo') {
      outputs.push({
        type: 'helmValues',
        template: 'observability/tempo-values.yaml.njk',
        file: 'observability/values/tempo.yaml',
        component: 'observability',
        chart: 'tempo',
        chartVersion: TEMPO_CHART_VERSION,
        release: 'tempo',
        namespace: tracing.backendNamespace,
      });
    }
    if (tracing.viaOtelCollector) {
      outputs.push({
        type: 'objects',
        template: 'observability/otel-collector.yaml.njk',
        file: 'observability/otel-collector.yaml',
        component: 'observability',
        appliedBy: 'kustomize',
        expects: [
          {
            kind: 'OpenTelemetryCollector',
            name: tracing.otelCollector.name,
            namespace: tracing.otelCollector.namespace,
          },
        ],
      });
    }
    if (tracing.enabled && !cluster.isRemote) {
      outputs.push({
        type: 'objects',
        template: 'observability/telemetry.yaml.njk',
        file: 'observability/telemetry.yaml',
        component: 'observability',
        appliedBy: 'kustomize',
        expects: [
          {
            kind: 'Telemetry',
            name: 'mesh-default',
            namespace: istio.namespace,
          },
        ],
      });
    }
    if (grafana.enabled) {
      const chart = prometheus.stack === 'none' ? 'grafana' : prometheus.stack;
      outputs.push({
        type: 'helmValues',
        template: 'observability/grafana-values.yaml.njk',
        file: `observability/values/${chart}.yaml`,
        component: 'observability',
        chart,
        chartVersion: UNPINNED_CHART_VERSION,
        release: chart,
        namespace: grafana.namespace || istio.namespace,
        data: { nestedUnderGrafana: chart !== 'grafana' },
      });
    }
    return outputs;
  },
};
