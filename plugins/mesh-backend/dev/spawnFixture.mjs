// Starts the real-Prometheus fixture (dev/startFixture.ts) in a child process, for plain-JS callers:
// the browser test and `npm run demo`. Resolves once the servers answer.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

/** @returns {Promise<{ config: { mesh: object }, prometheus: Record<string, string>, pid: number, stop(): Promise<void> }>} */
export async function spawnMeshFixture({ hours = 8, log = 'ignore' } = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mesh-fixture-'));
  const configOut = path.join(dir, 'mesh.json');
  const child = spawn(
    process.execPath,
    [
      '--require',
      require.resolve('@backstage/cli/config/nodeTransform.cjs'),
      path.join(here, 'startFixture.ts'),
      '--config-out',
      configOut,
    ],
    {
      stdio: ['ignore', 'pipe', log === 'inherit' ? 'inherit' : 'pipe'],
      env: { ...process.env, MESH_FIXTURE_HOURS: String(hours) },
    },
  );
  const exited = new Promise(resolve => child.once('exit', resolve));
  let stderr = '';
  child.stderr?.on('data', chunk => (stderr += chunk));
  const ready = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', chunk => {
      out += chunk;
      const line = out.split('\n').find(l => l.startsWith('{"ready":true'));
      if (line) resolve(JSON.parse(line));
    });
    child.once('exit', code =>
      reject(
        new Error(`mesh fixture exited with ${code}: ${stderr.slice(-2000)}`),
      ),
    );
  });
  const config = JSON.parse(fs.readFileSync(configOut, 'utf8'));
  return {
    config,
    prometheus: ready.prometheus,
    pid: child.pid,
    stop: async () => {
      if (child.exitCode === null) {
        // The fixture stops its Prometheus servers on SIGTERM (and they stop themselves if it dies).
        process.kill(child.pid, 'SIGTERM');
        await exited;
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
