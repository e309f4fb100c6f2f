import { z } from 'zod';
import { grafanaSettingsSchema } from './grafanaSettings';
import { kialiSettingsSchema } from './kialiSettings';
import { prometheusSettingsSchema } from './prometheusSettings';
import { tracingSettingsSchema } from './tracingSettings';

/** Metrics, traces, the mesh console and dashboards. */
export const observabilitySectionSchema = z
  .strictObject({
    /** Prometheus scraping the mesh. */
    prometheus: prometheusSettingsSchema,
    /** Distributed tracing. */
    tracing: tracingSettingsSchema,
    /** Kiali. */
    kiali: kialiSettingsSchema,
    /** Grafana dashboards. */
    grafana: grafanaSettingsSchema,
  })
  .prefault({});

/** The observability section after defaults. */
export type ObservabilitySection = z.output<typeof observabilitySectionSchema>;
