import {
  DEFAULT_KIALI_CHART_VERSION,
  TEMPO_CHART_VERSION,
  UNPINNED_CHART_VERSION,
} from '../chartSources';
import type { ClusterRenderContext } from '../clusterRenderContext';
import type { PackOutput, TemplatePack } from '../templatePack';
import { jaegerAliasServices } from './jaegerAliasServices';

function kialiChartVersion(version: string): string {
  return version ? version.replace(/^v/, '') : DEFAULT_KIALI_CHART_VERSION;
}

/** Without a Prometheus stack there is no operator to read PodMonitor/ServiceMonitor objects. */
function prometheusMonitorOutputs(context: ClusterRenderContext): PackOutput[] {
  const { istio, observability } = context;
  if (!observability.monitorsEnabled) {
    return [];
  }
  const { monitorLabels } = observability.prometheus;
  return [
    {
      type: 'objects',
      template: 'observability/prometheus-monitors.yaml.njk',
      file: 'observability/prometheus-monitors.yaml',
      component: 'observability',
      appliedBy: 'kustomize',
      data: {
        podMonitorLabels: { monitoring: 'istio-proxies', ...monitorLabels },
        serviceMonitorLabels: {
          monitoring: 'istio-components',
          ...monitorLabels,
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
    },
  ];
}

/**
 * Kiali installs either through its operator (operator chart plus a Kiali resource) or as the
 * kiali-server chart directly; never both.
 */
function kialiOutputs(context: ClusterRenderContext): PackOutput[] {
  const { kiali } = context.observability;
  if (kiali.enabled && kiali.install === 'operator') {
    return [
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
        expects: [{ kind: 'Kiali', name: 'kiali', namespace: kiali.namespace }],
      },
    ];
  }
  if (kiali.enabled && kiali.install === 'helm') {
    return [
      {
        type: 'helmValues',
        template: 'observability/kiali-server-values.yaml.njk',
        file: 'observability/values/kiali-server.yaml',
        component: 'observability',
        chart: 'kiali-server',
        chartVersion: kialiChartVersion(kiali.version),
        release: 'kiali',
        namespace: kiali.namespace,
      },
    ];
  }
  return [];
}

/** The Jaeger resource plus alias Services, so tracing addresses copied from Istio's addon still resolve. */
function jaegerOutputs(context: ClusterRenderContext): PackOutput[] {
  const { tracing } = context.observability;
  const aliases = jaegerAliasServices(context);
  return [
    {
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
    },
  ];
}

function tempoOutputs(context: ClusterRenderContext): PackOutput[] {
  return [
    {
      type: 'helmValues',
      template: 'observability/tempo-values.yaml.njk',
      file: 'observability/values/tempo.yaml',
      component: 'observability',
      chart: 'tempo',
      chartVersion: TEMPO_CHART_VERSION,
      release: 'tempo',
      namespace: context.observability.tracing.backendNamespace,
    },
  ];
}

/** The tracing backend the spec chose, if any; only one of them is ever rendered. */
function tracingBackendOutputs(context: ClusterRenderContext): PackOutput[] {
  switch (context.observability.tracing.backend) {
    case 'jaeger':
      return jaegerOutputs(context);
    case 'tempo':
      return tempoOutputs(context);
    default:
      return [];
  }
}

function otelCollectorOutputs(context: ClusterRenderContext): PackOutput[] {
  const { tracing } = context.observability;
  if (!tracing.viaOtelCollector) {
    return [];
  }
  return [
    {
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
    },
  ];
}

/** A remote cluster has no istiod of its own; its primary's Telemetry resource covers it. */
function telemetryOutputs(context: ClusterRenderContext): PackOutput[] {
  const { istio, observability, cluster } = context;
  if (!observability.tracing.enabled || cluster.isRemote) {
    return [];
  }
  return [
    {
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
    },
  ];
}

/** With a Prometheus stack, Grafana comes from that stack's chart, its values nested under `grafana`. */
function grafanaOutputs(context: ClusterRenderContext): PackOutput[] {
  const { istio, observability } = context;
  const { prometheus, grafana } = observability;
  if (!grafana.enabled) {
    return [];
  }
  const chart = prometheus.stack === 'none' ? 'grafana' : prometheus.stack;
  return [
    {
      type: 'helmValues',
      template: 'observability/grafana-values.yaml.njk',
      file: `observability/values/${chart}.yaml`,
      component: 'observability',
      chart,
      chartVersion: UNPINNED_CHART_VERSION,
      release: chart,
      namespace: grafana.namespace || istio.namespace,
      data: { nestedUnderGrafana: chart !== 'grafana' },
    },
  ];
}

/** Prometheus monitors, Kiali, tracing (Jaeger/Tempo, OTel collector, Telemetry) and Grafana. */
export const observabilityPack: TemplatePack = {
  name: 'observability',
  outputs(context) {
    return [
      ...prometheusMonitorOutputs(context),
      ...kialiOutputs(context),
      ...tracingBackendOutputs(context),
      ...otelCollectorOutputs(context),
      ...telemetryOutputs(context),
      ...grafanaOutputs(context),
    ];
  },
};
