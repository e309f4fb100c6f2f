import { Config, readDurationFromConfig } from '@backstage/config';
import { HumanDuration } from '@backstage/types';

/** How template runs' bundles are kept: `mesh.runs` in app-config. */
export interface RunStoreConfig {
  retention: HumanDuration;
  cleanupFrequency: HumanDuration;
  /** Upper bound of one bundle's file contents, in bytes (UTF-8). */
  maxBundleBytes: number;
}

export const defaultRunStoreConfig: RunStoreConfig = {
  retention: { days: 3 },
  cleanupFrequency: { hours: 1 },
  // The largest golden bundle (3 clusters, everything on) is about 200 KiB; 128 clusters fit.
  maxBundleBytes: 16 * 1024 * 1024,
};

export function readRunStoreConfig(config: Config): RunStoreConfig {
  const runs = config.getOptionalConfig('mesh.runs');
  if (!runs) return defaultRunStoreConfig;
  const duration = (key: string, fallback: HumanDuration) =>
    runs.has(key) ? readDurationFromConfig(runs, { key }) : fallback;
  const maxBundleBytes =
    runs.getOptionalNumber('maxBundleBytes') ??
    defaultRunStoreConfig.maxBundleBytes;
  if (!Number.isInteger(maxBundleBytes) || maxBundleBytes <= 0) {
    throw new Error(
      `mesh.runs.maxBundleBytes must be a positive whole number of bytes, got ${maxBundleBytes}`,
    );
  }
  return {
    retention: duration('retention', defaultRunStoreConfig.retention),
    cleanupFrequency: duration(
      'cleanupFrequency',
      defaultRunStoreConfig.cleanupFrequency,
    ),
    maxBundleBytes,
  };
}
