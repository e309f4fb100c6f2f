import { z } from 'zod';
import { httpUrl } from './addressFormats';
import {
  dnsLabel,
  labelKey,
  labelValue,
  oneOf,
  scrapeInterval,
} from './formats';

/**
 * Which Prometheus scrapes the mesh. Both operator stacks take Istio's PodMonitor/ServiceMonitor
 * shapes; `none` means an existing Prometheus found through `url`, with no monitors rendered.
 */
export const PROMETHEUS_STACKS = [
  'kube-prometheus-stack',
  'rancher-monitoring',
  'none',
] as const;

/** Prometheus that scrapes istiod and the proxies, and that health and Kiali query. */
export const prometheusSettingsSchema = z
  .strictObject({
    /** Monitoring stack in the cluster. */
    stack: oneOf(PROMETHEUS_STACKS).default('kube-prometheus-stack'),
    /**
     * Namespace of the stack. When absent: `monitoring` for kube-prometheus-stack,
     * `cattle-monitoring-system` for rancher-monitoring, none for `none`.
     */
    namespace: dnsLabel({ allowEmpty: true }).optional(),
    /**
     * In-cluster Prometheus URL. When absent it is the stack's Prometheus service in `namespace`;
     * required with stack `none` for anything that queries Prometheus (Kiali, Grafana).
     */
    url: httpUrl({ allowEmpty: true }).optional(),
    /** Scrape interval of the rendered monitors. */
    scrapeInterval: scrapeInterval().default('15s'),
    /**
     * Extra labels on the rendered PodMonitor/ServiceMonitor, for a Prometheus whose selectors
     * require them (kube-prometheus-stack selects `release: <helm release>` by default).
     */
    monitorLabels: z
      .record(labelKey(), labelValue())
      .refine(labels => Object.keys(labels).length <= 16, {
        error: 'must have at most 16 labels',
      })
      .default({}),
  })
  .prefault({});

/** The prometheus settings after defaults (namespace and url still optional; see derived defaults). */
export type PrometheusSettings = z.output<typeof prometheusSettingsSchema>;
