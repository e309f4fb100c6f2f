import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pollUntil } from '@mesh-templates/plugin-mesh-common';

/** A server process a test started: stopped by its PID, its temp dir removed with it. */
export interface OwnedProcess {
  pid: number;
  child: ChildProcess;
  /** The process's own temp dir (config, data, log). */
  dir: string;
  logFile: string;
  stop(): Promise<void>;
}

/** A fresh temp dir for one server, under the OS temp dir. */
export function ownTempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
}

/**
 * Spawns `command` with its output in `<dir>/server.log`. A watchdog shell kills it when this process
 * is gone (even after a SIGKILL of ours) or `maxLifetimeSec` is over; `stop` sends SIGTERM to the PID,
 * waits for the exit and removes `dir`.
 */
export function spawnOwned(
  command: string,
  args: string[],
  options: {
    dir: string;
    maxLifetimeSec?: number;
    env?: NodeJS.ProcessEnv;
    /** Default `dir`. */
    cwd?: string;
  },
): OwnedProcess {
  const logFile = path.join(options.dir, 'server.log');
  const log = fs.openSync(logFile, 'w');
  const child = spawn(command, args, {
    stdio: ['ignore', log, log],
    cwd: options.cwd ?? options.dir,
    env: options.env ?? process.env,
  });
  fs.closeSync(log);
  const pid = child.pid!;
  const maxLifetime = options.maxLifetimeSec ?? 3600;
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
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise(resolve => child.once('exit', resolve));
      process.kill(pid, 'SIGTERM');
      await exited;
    }
    try {
      process.kill(watchdog.pid!);
    } catch {
      // the watchdog ended with the server
    }
    fs.rmSync(options.dir, { recursive: true, force: true });
  };
  return { pid, child, dir: options.dir, logFile, stop };
}

/**
 * Waits until `ready()` answers true; stops the process and throws with its log's tail when it exits
 * or does not become ready within `timeoutMs`.
 */
export async function waitUntilReady(
  owned: OwnedProcess,
  what: string,
  ready: () => Promise<boolean>,
  timeoutMs = 30_000,
): Promise<void> {
  const tail = () => fs.readFileSync(owned.logFile, 'utf8').slice(-2000);
  try {
    await pollUntil(
      async () => {
        if (owned.child.exitCode !== null)
          throw new Error(`${what} exited with ${owned.child.exitCode}`);
        return (await ready().catch(() => false)) || undefined;
      },
      { timeoutMs, intervalMs: 100, description: what },
    );
  } catch (error) {
    const log = tail();
    await owned.stop();
    throw new Error(`${(error as Error).message}: ${log}`);
  }
}

/** Ready when GET `url` answers 2xx. */
export function answersOk(url: string): () => Promise<boolean> {
  return async () => (await fetch(url)).ok;
}
