// The Create page lists "Create mesh cluster" and its form opens.
import path from 'node:path';

export const name = 'Create page offers the "Create mesh cluster" template';

export async function run({ page, appUrl, outDir, signIn, step }) {
  await page.goto(`${appUrl}/create`);
  await signIn();
  step('signed in, waiting for the template card');
  const card = page.getByText('Create mesh cluster', { exact: true }).first();
  await card.waitFor({ state: 'visible' });
  await page.screenshot({
    path: path.join(outDir, 'create-page.png'),
    fullPage: true,
  });

  step('opening the template form');
  await page.goto(`${appUrl}/create/templates/default/create-mesh-cluster`);
  // The first form page asks for the cluster's name; its label comes from the template.
  await page
    .getByLabel(/Cluster name/i)
    .first()
    .waitFor({ state: 'visible' });
  await page.screenshot({
    path: path.join(outDir, 'create-mesh-cluster-form.png'),
    fullPage: true,
  });
}
