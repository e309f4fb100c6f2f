import { z } from 'zod';
import { httpUrl, serviceAddress } from './addressFormats';
import { dnsLabel, flag, oneOf, percentage } from './formats';

/** Trace stores the mesh can report to. */
export const TRACING_BACKENDS = ['none', 'jaeger', 'tempo'] as const;

/** Protocols the proxies export spans with (Istio extension provider kinds). */
export const PROXY_TRACING_PROTOCOLS = ['opentelemetry', 'zipkin'] as const;

/** An OpenTelemetry collector (operator-managed) between the proxies and the trace store. */
export const otelCollectorSchema = z
  .strictObject({
    /** Namespace of the collector. */
    namespace: dnsLabel().default('observability'),
    /** Name of the OpenTelemetryCollector; the operator names its Service `<name>-collector`. */
    name: dnsLabel().default('otel'),
  })
  .prefault({});

/**
 * Distributed tracing, configured through `meshConfig.extensionProviders` and a mesh-wide
 * Telemetry resource.
 */
export const tracingSettingsSchema = z
  .strictObject({
    /** Trace store; `none` turns tracing off. */
    backend: oneOf(TRACING_BACKENDS).default('none'),
    /**
     * Share of requests traced, 0-100 (Telemetry `randomSamplingPercentage`). 1 is Istio's default;
     * the demo profile traces 100.
     */
    samplingPercentage: percentage().default(1),
    /** Send spans through an OpenTelemetry collector instead of straight to the store. */
    viaOtelCollector: flag().default(false),
    /** The collector used when `viaOtelCollector` is on. */
    otelCollector: otelCollectorSchema,
    /** Protocol the proxies export spans with. */
    proxyProtocol: oneOf(PROXY_TRACING_PROTOCOLS).default('opentelemetry'),
    /**
     * Namespace of the trace store. When absent: the Istio namespace for jaeger, `tempo` for tempo.
     */
    backendNamespace: dnsLabel({ allowEmpty: true }).optional(),
    /**
     * `host:port` the proxies send spans to. When absent: the collector (if used) or the store's
     * receiver for `proxyProtocol` (OTLP 4317, Zipkin 9411).
     */
    proxyExportAddress: serviceAddress({ allowEmpty: true }).optional(),
    /**
     * `host:port` the collector exports to over OTLP gRPC; when absent, the store's OTLP receiver.
     * Only used with `viaOtelCollector`.
     */
    collectorExportAddress: serviceAddress({ allowEmpty: true }).optional(),
    /**
     * URL of the store's query API, used by Kiali and Grafana. When absent: Jaeger's `tracing`
     * service (16686, `/jaeger`) or Tempo's HTTP port 3100. Empty: Kiali and Grafana get no link.
     */
    queryUrl: httpUrl({ allowEmpty: true }).optional(),
  })
  .superRefine((tracing, ctx) => {
    if (tracing.backend === 'none' && tracing.viaOtelCollector) {
      ctx.addIssue({
        code: 'custom',
        path: ['viaOtelCollector'],
        message:
          'must be false when backend is none; choose jaeger or tempo to trace',
      });
    }
  })
  .prefault({});

/** The tracing settings after defaults (addresses still optional; see derived defaults). */
export type TracingSettings = z.output<typeof tracingSettingsSchema>;
