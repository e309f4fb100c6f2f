import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { FixtureCluster } from './fixtureClusters';
import { freePort } from '@mesh-templates/plugin-mesh-common/testing';
import { buildOpenMetrics } from './openMetrics';
import {
  answersOk,
  ownTempDir,
  spawnOwned,
  waitUntilReady,
} from './ownedProcess';

const execFileAsync = promisify(execFile);

export interface PrometheusServer {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

export interface StartPrometheusOptions {
  clusters: FixtureCluster[];
  /** Hold all clusters in one server, told apart by this label (global Thanos/Mimir mode). */
  clusterLabel?: string;
  /** How far into the future samples reach, so a long demo keeps seeing "current" data. */
  futureSec?: number;
  /** The server (and its watchdog) ends itself after this long even if nobody stops it. */
  maxLifetimeSec?: number;
  prometheusBin?: string;
  promtoolBin?: string;
}

const HISTORY_SEC = 75 * 60;
const STEP_SEC = 30;

/**
 * Starts Debian's Prometheus on 127.0.0.1 with Istio-shaped history backfilled by promtool: 75 minutes
 * up to now and `futureSec` beyond, one sample every 30 s. Deterministic: the same clusters give the same
 * rates whenever it runs. Stopped by PID (`ownedProcess`).
 */
export async function startPrometheus(
  options: StartPrometheusOptions,
): Promise<PrometheusServer> {
  const prometheusBin = options.prometheusBin ?? '/usr/bin/prometheus';
  const promtoolBin = options.promtoolBin ?? '/usr/bin/promtool';
  const dir = ownTempDir('mesh-prometheus');
  const dataDir = path.join(dir, 'data');
  const nowSec = Math.floor(Date.now() / 1000);
  const metricsFile = path.join(dir, 'metrics.om');
  fs.writeFileSync(
    metricsFile,
    buildOpenMetrics(options.clusters, {
      startSec: nowSec - HISTORY_SEC,
      endSec: nowSec + (options.futureSec ?? 30 * 60),
      stepSec: STEP_SEC,
      clusterLabel: options.clusterLabel,
    }),
  );
  await execFileAsync(
    promtoolBin,
    ['tsdb', 'create-blocks-from', 'openmetrics', metricsFile, dataDir],
    {
      maxBuffer: 16 * 1024 * 1024,
    },
  );
  fs.rmSync(metricsFile);
  // No scrape jobs: the backfilled blocks are the only data, so answers never drift.
  const configFile = path.join(dir, 'prometheus.yml');
  fs.writeFileSync(configFile, 'global:\n  scrape_interval: 1h\n');

  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const server = spawnOwned(
    prometheusBin,
    [
      `--config.file=${configFile}`,
      `--storage.tsdb.path=${dataDir}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--storage.tsdb.retention.time=30d',
      '--log.level=warn',
    ],
    { dir, maxLifetimeSec: options.maxLifetimeSec },
  );
  await waitUntilReady(server, 'prometheus', answersOk(`${url}/-/ready`));
  return { url, pid: server.pid, stop: server.stop };
}
