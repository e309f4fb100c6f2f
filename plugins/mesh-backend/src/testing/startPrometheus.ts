import { ChildProcess, execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { FixtureCluster } from './fixtureClusters';
import { freePort } from './freePort';
import { buildOpenMetrics } from './openMetrics';

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

async function waitUntilReady(
  url: string,
  child: ChildProcess,
  logFile: string,
) {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(
        `prometheus exited with ${child.exitCode}: ${fs
          .readFileSync(logFile, 'utf8')
          .slice(-2000)}`,
      );
    }
    try {
      const res = await fetch(`${url}/-/ready`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise(r => setTimeout(r, 100));
  }
  throw new Error(`prometheus at ${url} not ready after 30 s`);
}

/**
 * Starts Debian's Prometheus on 127.0.0.1 with Istio-shaped history backfilled by promtool: 75 minutes
 * up to now and `futureSec` beyond, one sample every 30 s. Deterministic: the same clusters give the same
 * rates whenever it runs. A watchdog shell kills the server if this process dies without stopping it.
 */
export async function startPrometheus(
  options: StartPrometheusOptions,
): Promise<PrometheusServer> {
  const prometheusBin = options.prometheusBin ?? '/usr/bin/prometheus';
  const promtoolBin = options.promtoolBin ?? '/usr/bin/promtool';
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mesh-prometheus-'));
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
  const logFile = path.join(dir, 'prometheus.log');
  const log = fs.openSync(logFile, 'w');
  const child = spawn(
    prometheusBin,
    [
      `--config.file=${configFile}`,
      `--storage.tsdb.path=${dataDir}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--storage.tsdb.retention.time=30d',
      '--log.level=warn',
    ],
    { stdio: ['ignore', log, log] },
  );
  fs.closeSync(log);
  const pid = child.pid!;
  const maxLifetime = options.maxLifetimeSec ?? 3600;
  // Stops the server when our process is gone or its lifetime is over, even after a SIGKILL of ours.
  const watchdog = spawn(
    'sh',
    [
      '-c',
      `end=$(( $(date +%s) + ${maxLifetime} )); while kill -0 ${process.pid} 2>/dev/null && kill -0 ${pid} 2>/dev/null && [ $(date +%s) -lt $end ]; do sleep 1; done; kill ${pid} 2>/dev/null`,
    ],
    { stdio: 'ignore', detached: true },
  );
  watchdog.unref();
  const onExit = () => {
    try {
      process.kill(pid);
    } catch {
      // already stopped
    }
  };
  process.once('exit', onExit);

  const stop = async () => {
    process.removeListener('exit', onExit);
    if (child.exitCode === null) {
      const exited = new Promise(resolve => child.once('exit', resolve));
      process.kill(pid, 'SIGTERM');
      await exited;
    }
    try {
      process.kill(watchdog.pid!);
    } catch {
      // the watchdog ended with the server
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };

  try {
    await waitUntilReady(url, child, logFile);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, pid, stop };
}
