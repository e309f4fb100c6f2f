import path from 'node:path';
import { freePort } from '@mesh-templates/plugin-mesh-common/testing';
import {
  answersOk,
  ownTempDir,
  spawnOwned,
  waitUntilReady,
} from './ownedProcess';

export interface VictoriaMetricsServer {
  /** Base URL of its Prometheus-compatible query API and of `/api/v1/write`. */
  url: string;
  pid: number;
  /** Imports Prometheus text-format lines (millisecond timestamps) and waits until they are searchable. */
  importPrometheusText(text: string): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Debian's single-node VictoriaMetrics on 127.0.0.1: the global store Prometheus servers remote_write
 * to, queried through its Prometheus API as a Thanos/Mimir querier would be. Answers at "now" are
 * not held back (`-search.latencyOffset=0s`) and not cached, so a test sees what was just written.
 */
export async function startVictoriaMetrics(
  options: { binary?: string; maxLifetimeSec?: number } = {},
): Promise<VictoriaMetricsServer> {
  const dir = ownTempDir('mesh-victoria-metrics');
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const server = spawnOwned(
    options.binary ?? '/usr/bin/victoria-metrics',
    [
      `-storageDataPath=${path.join(dir, 'data')}`,
      `-httpListenAddr=127.0.0.1:${port}`,
      '-retentionPeriod=100y',
      '-search.latencyOffset=0s',
      '-search.disableCache',
      '-loggerLevel=ERROR',
    ],
    { dir, maxLifetimeSec: options.maxLifetimeSec },
  );
  await waitUntilReady(server, 'victoria-metrics', answersOk(`${url}/health`));
  return {
    url,
    pid: server.pid,
    async importPrometheusText(text: string) {
      const res = await fetch(`${url}/api/v1/import/prometheus`, {
        method: 'POST',
        body: text,
      });
      if (!res.ok)
        throw new Error(`import failed: ${res.status} ${await res.text()}`);
      // Imported rows become searchable after the in-memory buffers are flushed.
      await fetch(`${url}/internal/force_flush`);
    },
    stop: server.stop,
  };
}
