import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { FixtureCluster } from './fixtureClusters';
import {
  freePort,
  listenOnLoopback,
} from '@mesh-templates/plugin-mesh-common/testing';
import { buildOpenMetrics } from './openMetrics';
import {
  answersOk,
  ownTempDir,
  spawnOwned,
  waitUntilReady,
} from './ownedProcess';

export interface RemoteWritingPrometheus {
  /** This cluster's own Prometheus (per-cluster mode reads it directly). */
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/**
 * One cluster's Prometheus as Thanos/Mimir users run it: it scrapes the cluster's Istio metrics every
 * second (here from a local exporter serving the fixture cluster's series at the current time, with
 * counters growing at the fixture's exact rates since `originSec`), adds `cluster: <name>` as an
 * external label and remote_writes everything to `remoteWriteUrl`.
 */
export async function startRemoteWritingPrometheus(options: {
  cluster: FixtureCluster;
  remoteWriteUrl: string;
  clusterLabel?: string;
  originSec: number;
  maxLifetimeSec?: number;
}): Promise<RemoteWritingPrometheus> {
  const exporter = await listenOnLoopback(
    http.createServer((_req, res) => {
      const nowSec = Date.now() / 1000;
      res
        .writeHead(200, {
          'Content-Type':
            'application/openmetrics-text; version=1.0.0; charset=utf-8',
        })
        .end(
          buildOpenMetrics([options.cluster], {
            startSec: nowSec,
            endSec: nowSec,
            stepSec: 1,
            originSec: options.originSec,
          }),
        );
    }),
  );
  const dir = ownTempDir('mesh-prometheus-rw');
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const configFile = path.join(dir, 'prometheus.yml');
  const config = {
    global: {
      scrape_interval: '1s',
      scrape_timeout: '1s',
      external_labels: {
        [options.clusterLabel ?? 'cluster']: options.cluster.name,
      },
    },
    scrape_configs: [
      {
        job_name: 'mesh-exporter',
        // The exporter names istiod's own job and instance, as Istio's scrape configs would.
        honor_labels: true,
        static_configs: [{ targets: [new URL(exporter.url).host] }],
      },
    ],
    remote_write: [
      {
        url: options.remoteWriteUrl,
        queue_config: { batch_send_deadline: '1s' },
      },
    ],
  };
  // JSON is YAML.
  fs.writeFileSync(configFile, JSON.stringify(config));
  const server = spawnOwned(
    '/usr/bin/prometheus',
    [
      `--config.file=${configFile}`,
      `--storage.tsdb.path=${path.join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--log.level=warn',
    ],
    { dir, maxLifetimeSec: options.maxLifetimeSec },
  );
  try {
    await waitUntilReady(server, 'prometheus', answersOk(`${url}/-/ready`));
  } catch (error) {
    await exporter.stop();
    throw error;
  }
  return {
    url,
    pid: server.pid,
    stop: async () => {
      await server.stop();
      await exporter.stop();
    },
  };
}
