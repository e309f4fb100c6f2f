// A first run from the Create page, as a new user makes it: a cluster name, every default, no
// pull request, nothing applied. The task page links to the rendered files; one values file is
// read there and the bundle downloaded as .tar.gz.
import fs from 'node:fs';
import path from 'node:path';
import * as tar from 'tar';

export const name =
  'A Create page run links to its rendered files and downloads the bundle';

const clusterName = 'e2e-newcomer';

export async function run({ page, appUrl, outDir, signIn, step }) {
  const shot = file =>
    page.screenshot({ path: path.join(outDir, file), fullPage: true });

  await page.goto(`${appUrl}/create/templates/default/create-mesh-cluster`);
  await signIn();

  step('filling in a cluster name and keeping every default');
  await page
    .getByLabel(/Cluster name/)
    .first()
    .fill(clusterName);
  for (let pageIndex = 0; pageIndex < 10; pageIndex++) {
    const next = page.getByRole('button', { name: /^(Next|Review)$/ });
    if ((await next.count()) === 0) break;
    await next.click();
  }
  await page.getByRole('button', { name: 'Create' }).click();

  step('waiting for the task page to finish');
  const renderedFiles = page.getByRole('link', { name: 'Rendered files' });
  await renderedFiles.waitFor({ timeout: 120_000 });
  await page
    .getByText('No pull request was opened and nothing was applied')
    .first()
    .waitFor();
  // The CLI step points at the spec document inside the download (checked in its entries below).
  await page
    .getByText(
      `npx mesh-bundle render --spec clusters/${clusterName}/mesh-cluster.yaml --out out/`,
    )
    .first()
    .waitFor();
  await shot('run-outputs-task-page.png');

  step('opening "Rendered files"');
  await renderedFiles.click();
  await page.waitForURL(/\/mesh\/runs\/[0-9a-f-]{36}$/);
  const cluster = page.getByRole('list', { name: `Cluster ${clusterName}` });
  await cluster.waitFor();
  await shot('run-outputs-files.png');

  step('opening a values file');
  await cluster.getByText('values/istiod.yaml', { exact: true }).click();
  const code = page.locator('code').filter({ hasText: 'meshID' }).first();
  await code.waitFor();
  await shot('run-outputs-values-file.png');

  step('downloading the bundle');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download bundle (.tar.gz)' }).click(),
  ]);
  const archive = path.join(outDir, 'run-outputs-bundle.tar.gz');
  await download.saveAs(archive);
  const entries = [];
  await tar.t({
    file: archive,
    onReadEntry: entry => entries.push(entry.path),
  });
  for (const expected of [
    'bundle-index.json',
    `clusters/${clusterName}/kustomization.yaml`,
    `clusters/${clusterName}/istio/values/istiod.yaml`,
    `clusters/${clusterName}/mesh-cluster.yaml`,
  ]) {
    if (!entries.includes(expected)) {
      throw new Error(
        `the downloaded bundle lacks ${expected}; it has ${entries.join(', ')}`,
      );
    }
  }
  step(
    `downloaded ${fs.statSync(archive).size} bytes, ${entries.length} files`,
  );
  await shot('run-outputs-downloaded.png');
}
