// A cluster Resource's Mesh tab and a Component's mesh card show live health read
// from real Prometheus servers (the mesh-backend fixture): one row per cluster with the right status.
import path from 'node:path';
import { spawnMeshFixture } from '../../plugins/mesh-backend/dev/spawnFixture.mjs';

export const name = 'Mesh tab and mesh health card show the fixture clusters';

export async function before() {
  const fixture = await spawnMeshFixture({ hours: 2 });
  return { config: fixture.config, stop: fixture.stop };
}

async function expectRow(page, cluster, status) {
  const row = page
    .locator('tr', { hasText: cluster })
    .filter({ hasText: status });
  await row.first().waitFor({ state: 'visible' });
}

export async function run({ page, appUrl, outDir, signIn, step }) {
  await page.goto(`${appUrl}/catalog/default/resource/cluster-west/mesh`);
  await signIn();
  step('cluster-west Mesh tab: waiting for the degraded row and its reasons');
  await expectRow(page, 'cluster-west', 'degraded');
  await page
    .getByText('5xx ratio 2.6% is at or above 0.10%')
    .waitFor({ state: 'visible' });
  await page
    .getByText('proxies reject xDS configuration: 3.0 per minute')
    .waitFor({ state: 'visible' });
  // 5xx 2.6 % → 97.40 % success; p99 500 ms; mTLS 80 % — the numbers the fixture was built with.
  await page
    .locator('tr', { hasText: 'cluster-west' })
    .getByText('97.40%')
    .waitFor({ state: 'visible' });
  await page
    .locator('tr', { hasText: 'cluster-west' })
    .getByText('500 ms')
    .waitFor({ state: 'visible' });
  await page.screenshot({
    path: path.join(outDir, 'mesh-tab-cluster-west.png'),
    fullPage: true,
  });

  step('cluster-east Mesh tab: healthy');
  await page.goto(`${appUrl}/catalog/default/resource/cluster-east/mesh`);
  await expectRow(page, 'cluster-east', 'healthy');
  await page.screenshot({
    path: path.join(outDir, 'mesh-tab-cluster-east.png'),
    fullPage: true,
  });

  step('reviews Component overview: the mesh card has a row per cluster');
  await page.goto(`${appUrl}/catalog/default/component/reviews`);
  await page
    .getByText('Mesh health', { exact: true })
    .first()
    .waitFor({ state: 'visible' });
  await expectRow(page, 'cluster-east', 'healthy');
  await expectRow(page, 'cluster-west', 'degraded');
  await expectRow(page, 'cluster-south', 'failing');
  await expectRow(page, 'cluster-north', 'unknown');
  await page.screenshot({
    path: path.join(outDir, 'mesh-card-reviews.png'),
    fullPage: true,
  });
}
