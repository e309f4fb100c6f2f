/**
 * Starts the real-Prometheus fixture and keeps it running until this process gets SIGINT/SIGTERM.
 * Writes the `mesh` config block that points at it to the file named by --config-out (YAML is JSON's
 * superset, so it is written as JSON), and prints one JSON line `{"ready": true, ...}` when serving.
 *
 *   node --require @backstage/cli/config/nodeTransform.cjs dev/startFixture.ts --config-out /tmp/mesh.yaml
 */
import fs from 'node:fs';
import {
  fixtureClusters,
  lifecycleClusters,
  startMeshFixture,
  upgradeClusters,
} from '../src/testing';

async function main() {
  const outIndex = process.argv.indexOf('--config-out');
  const configOut = outIndex > 0 ? process.argv[outIndex + 1] : undefined;
  const hours = Number(process.env.MESH_FIXTURE_HOURS ?? 8);
  // Samples reach `hours` into the future so a long demo keeps showing "current" traffic.
  // The demo and the browser test also show two clusters in the middle of an Istio upgrade.
  const fixture = await startMeshFixture({
    clusters: [...fixtureClusters, ...lifecycleClusters, ...upgradeClusters],
    futureSec: hours * 3600,
    maxLifetimeSec: hours * 3600,
  });
  const config = { mesh: fixture.meshConfig() };
  if (configOut)
    fs.writeFileSync(configOut, `${JSON.stringify(config, null, 2)}\n`);
  process.stdout.write(
    `${JSON.stringify({ ready: true, prometheus: fixture.prometheusUrls })}\n`,
  );
  const stop = async () => {
    await fixture.stop();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch(error => {
  process.stderr.write(`mesh fixture failed: ${error.stack ?? error}\n`);
  process.exit(1);
});
