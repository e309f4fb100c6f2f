// The template editor's dry-run renders the bundle's
// files and plans the pull request, with no credentials configured.
import path from 'node:path';
import { pickTemplateDirectory } from './templateDirectoryPicker.mjs';

export const name =
  'Template editor dry-run shows the rendered files and the planned pull request';

export async function run({ page, appUrl, outDir, signIn, step }) {
  await pickTemplateDirectory(page);

  await page.goto(`${appUrl}/create/edit`);
  await signIn();
  await page.getByText('Load Template Directory').click();

  step('filling the form');
  await page
    .getByLabel(/Cluster name/)
    .first()
    .fill('dry-run-east');
  for (let pageIndex = 0; pageIndex < 10; pageIndex++) {
    if (await page.getByLabel(/Repository URL/).count()) {
      await page
        .getByLabel(/Repository URL/)
        .first()
        .fill('https://github.com/platform/gitops.git');
    }
    const next = page.getByRole('button', { name: /^(Next|Review)$/ });
    if ((await next.count()) === 0) break;
    await next.click();
  }
  await page.screenshot({
    path: path.join(outDir, 'template-dry-run-review.png'),
    fullPage: true,
  });

  step('running the dry-run');
  await page.getByRole('button', { name: 'Create' }).click();
  await page.getByText('Dry-run results').waitFor();
  await page.getByText('Result 1').waitFor();

  step('reading the rendered files');
  // The file browser is a tree; its items are what the dry-run wrote to the workspace.
  const treeItem = label =>
    page.getByRole('treeitem', { name: label, exact: true }).first();
  await treeItem('bundle-index.json').waitFor();
  await treeItem('clusters').locator('.MuiTreeItem-label').first().click();
  await treeItem('dry-run-east').locator('.MuiTreeItem-label').first().click();
  for (const entry of [
    'kustomization.yaml',
    'namespaces.yaml',
    'README.md',
    'istio',
    'observability',
    'policy',
  ]) {
    await treeItem(entry).waitFor();
  }
  await page.screenshot({
    path: path.join(outDir, 'template-dry-run-files.png'),
    fullPage: true,
  });

  step('reading the planned pull request');
  await page.getByRole('tab', { name: 'Output' }).click();
  await page
    .getByText(/planned\*\* on branch `mesh\/dry-run-east`/)
    .first()
    .waitFor();
  const output = await page.locator('body').innerText();
  for (const expected of ['mesh/dry-run-east', 'Mesh bundle', 'objects']) {
    if (!output.includes(expected))
      throw new Error(`dry-run output lacks "${expected}"`);
  }
  await page.screenshot({
    path: path.join(outDir, 'template-dry-run-output.png'),
    fullPage: true,
  });

  step('reading the steps and the pull request step log');
  await page.getByRole('tab', { name: 'Log' }).click();
  // Direct apply is off by default, so the dry-run skips it.
  await page.getByText('Skipped', { exact: true }).waitFor();
  await page.getByText('Open GitOps pull request', { exact: true }).click();
  await page
    .getByText(/Dry run: would propose/)
    .first()
    .waitFor();
  await page.screenshot({
    path: path.join(outDir, 'template-dry-run-log.png'),
    fullPage: true,
  });
}
