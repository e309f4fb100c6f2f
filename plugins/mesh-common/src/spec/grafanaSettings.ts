import { z } from 'zod';
import { httpUrl } from './addressFormats';
import {
  dnsLabel,
  flag,
  labelKey,
  labelValue,
  oneOf,
  uniqueList,
} from './formats';

/** Istio's upstream Grafana dashboards. */
export const ISTIO_GRAFANA_DASHBOARDS = [
  'mesh',
  'service',
  'workload',
  'control-plane',
  'performance',
  'extension',
  'ztunnel',
] as const;

/** Grafana dashboards and data sources for the mesh, in the Grafana of the monitoring stack. */
export const grafanaSettingsSchema = z
  .strictObject({
    /** Provision Istio dashboards (and data sources) into Grafana. */
    enabled: flag().default(false),
    /**
     * Namespace where the dashboard ConfigMaps go (watched by Grafana's sidecar). When absent,
     * the Prometheus stack's namespace.
     */
    namespace: dnsLabel({ allowEmpty: true }).optional(),
    /** Grafana URL for links (Kiali). When absent, the stack's Grafana service. */
    url: httpUrl({ allowEmpty: true }).optional(),
    /** Which of Istio's dashboards to provision. */
    istioDashboards: uniqueList(
      oneOf(ISTIO_GRAFANA_DASHBOARDS),
      7,
      'dashboards',
    ).default(['mesh', 'service', 'workload', 'control-plane', 'performance']),
    /** Add a Tempo data source (needs tracing backend tempo). */
    tempoDatasource: flag().default(false),
    /** Label key Grafana's dashboard sidecar selects ConfigMaps by. */
    dashboardLabelKey: labelKey().default('grafana_dashboard'),
    /** Value of that label. */
    dashboardLabelValue: labelValue().default('1'),
  })
  .prefault({});

/** The grafana settings after defaults (namespace and url still optional; see derived defaults). */
export type GrafanaSettings = z.output<typeof grafanaSettingsSchema>;
