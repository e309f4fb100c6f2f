// A cluster Resource's Mesh tab and a Component's mesh card show live health read
// from real Prometheus servers (the mesh-backend fixture): one row per cluster with the right status,
// and the Revisions section of two clusters mid-upgrade.
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

  step('cluster-ca Mesh tab: failing, its root CA expires in 5 days');
  await page.goto(`${appUrl}/catalog/default/resource/cluster-ca/mesh`);
  await expectRow(page, 'cluster-ca', 'failing');
  await page
    .getByText(/^mesh root CA certificate expires in 5 days/)
    .first()
    .waitFor({ state: 'visible' });
  await page
    .getByText('Certificates, versions and drift')
    .waitFor({ state: 'visible' });
  await page.getByText('in 5 days').first().waitFor({ state: 'visible' });
  await page.screenshot({
    path: path.join(outDir, 'mesh-tab-cluster-ca.png'),
    fullPage: true,
  });

  step('cluster-legacy Mesh tab: degraded, Istio 1.28 is past its end of life');
  await page.goto(`${appUrl}/catalog/default/resource/cluster-legacy/mesh`);
  await expectRow(page, 'cluster-legacy', 'degraded');
  await page
    .getByText(
      'Istio 1.28.4 reached end of life on 2026-05-31: no more security fixes',
    )
    .waitFor({ state: 'visible' });

  step('cluster-drift Mesh tab: Git says 1.31.1, the cluster runs 1.30.3');
  await page.goto(`${appUrl}/catalog/default/resource/cluster-drift/mesh`);
  await expectRow(page, 'cluster-drift', 'degraded');
  await page
    .getByText('Git says 1.31.1, the cluster runs 1.30.3')
    .waitFor({ state: 'visible' });
  await page
    .getByText('Git says 1.31.1, revision 1-31; drift')
    .waitFor({ state: 'visible' });
  await page.getByText('3/3 nodes up, 1.30.3').waitFor({ state: 'visible' });
  await page.screenshot({
    path: path.join(outDir, 'mesh-tab-cluster-drift.png'),
    fullPage: true,
  });

  step('mesh-demo System Mesh tab: the topology by network');
  await page.goto(`${appUrl}/catalog/default/system/mesh-demo/mesh`);
  await page
    .getByText(
      /^5 cluster\(s\) on 3 network\(s\)\. Nearest certificate expiry: root CA of cluster-ca/,
    )
    .waitFor({ state: 'visible' });
  for (const node of [
    'cluster:cluster-east',
    'cluster:cluster-ca',
    'gateway:network-south',
  ]) {
    await page.getByTestId(node).waitFor({ state: 'visible' });
  }
  await page.screenshot({
    path: path.join(outDir, 'mesh-tab-system-mesh-demo.png'),
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

  step('reviews Component Mesh tab: Revisions of the clusters mid-upgrade');
  await page.goto(`${appUrl}/catalog/default/component/reviews/mesh`);
  const revisions = page.getByRole('table', { name: 'Mesh revisions' });
  await revisions.waitFor({ state: 'visible' });
  // Both fixture clusters mid-upgrade: 6 proxies on 1-30-3, 2 on the canary 1-31-0.
  for (const cluster of ['cluster-upgrade', 'cluster-canary-5xx']) {
    await revisions
      .getByText(`Upgrade of ${cluster}: 2 of 8 proxies on 1-31-0 (25 %)`)
      .waitFor({ state: 'visible' });
  }
  await revisions
    .locator('tr', { hasText: 'cluster-upgrade' })
    .filter({ hasText: '1.30.3 × 6' })
    .waitFor({ state: 'visible' });
  await revisions.scrollIntoViewIfNeeded();
  await revisions.screenshot({
    path: path.join(outDir, 'mesh-tab-revisions.png'),
  });
}
