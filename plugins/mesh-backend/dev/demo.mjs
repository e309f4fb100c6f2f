// `npm run demo`: real Prometheus servers with Istio-shaped metrics for four fake clusters, then the app
// and backend configured to read them. Open a cluster Resource's "Mesh" tab or the reviews Component.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnMeshFixture } from './spawnFixture.mjs';

const root = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../..',
);

const fixture = await spawnMeshFixture({ log: 'inherit' });
const configFile = path.join(
  fs.mkdtempSync(path.join(os.tmpdir(), 'mesh-demo-')),
  'app-config.mesh.yaml',
);
// JSON is YAML, so the config block is written as it came.
fs.writeFileSync(configFile, JSON.stringify(fixture.config, null, 2));
for (const [name, url] of Object.entries(fixture.prometheus))
  console.log(`mesh demo: ${name} → ${url}`);
console.log(
  'mesh demo: starting app on http://localhost:3000 — try /catalog/default/resource/cluster-west/mesh',
);

const app = spawn(
  'npx',
  [
    'backstage-cli',
    'repo',
    'start',
    '--config',
    path.join(root, 'app-config.yaml'),
    '--config',
    configFile,
  ],
  { cwd: root, stdio: 'inherit', detached: true },
);
let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  try {
    process.kill(-app.pid, 'SIGTERM');
  } catch {
    // already gone
  }
  await fixture.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
app.on('exit', stop);
