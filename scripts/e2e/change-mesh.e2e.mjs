// "Change mesh" on a cluster opens the Create mesh cluster form with the committed spec (the demo's
// cluster-east, read by the mesh backend from examples/clusters/cluster-east/mesh-cluster.yaml),
// and the template editor's dry-run of that form says what a new Istio version changes; "Upgrade
// Istio" beside it opens the Upgrade Istio form with the same committed spec.
import path from 'node:path';
import { pickTemplateDirectory } from './templateDirectoryPicker.mjs';

export const name =
  'Change mesh prefills the form with the committed spec; the dry-run says what changes';

async function expectValue(page, label, expected) {
  const field = page.getByLabel(label).first();
  await field.waitFor({ state: 'visible' });
  const value = await field.inputValue();
  if (value !== expected) {
    throw new Error(
      `${label} shows "${value}", the committed spec says "${expected}"`,
    );
  }
}

/** Clicks Next (and finally Review) until the Istio page, or the review, is shown. */
async function nextPage(page) {
  await page.getByRole('button', { name: /^(Next|Review)$/ }).click();
}

export async function run({ page, appUrl, outDir, signIn, step }) {
  step('opening cluster-east and pressing Change mesh');
  await page.goto(`${appUrl}/catalog/default/resource/cluster-east/mesh`);
  await signIn();
  const changeMesh = page.getByRole('button', { name: 'Change mesh' });
  await changeMesh.waitFor({ state: 'visible' });
  await page.screenshot({
    path: path.join(outDir, 'change-mesh-entity.png'),
    fullPage: true,
  });
  await changeMesh.click();
  await page.waitForURL(/\/create\/templates\/default\/create-mesh-cluster\?/);

  step('reading the prefilled form');
  await expectValue(page, /Cluster name/, 'cluster-east');
  await expectValue(page, /^Network/, 'network-east');
  await expectValue(page, /Mesh ID/, 'mesh-demo');
  await page.screenshot({
    path: path.join(outDir, 'change-mesh-form.png'),
    fullPage: true,
  });
  await nextPage(page);
  await expectValue(page, /Istio version/, '1.30.1');
  await page.screenshot({
    path: path.join(outDir, 'change-mesh-form-istio.png'),
    fullPage: true,
  });
  const formData = new URL(page.url()).searchParams.get('formData');

  step(
    'dry-running the same form in the template editor with a new Istio version',
  );
  await pickTemplateDirectory(page);
  // The editor's form is the wizard's Stepper, which reads ?formData= when it mounts; the intro
  // page's "Load Template Directory" navigates to the editor without the query string, so that one
  // client-side navigation keeps it: the editor's form starts from what Change mesh built.
  await page.addInitScript(() => {
    const pushState = history.pushState.bind(history);
    history.pushState = (state, title, url) =>
      pushState(
        state,
        title,
        String(url).includes('?') ? url : `${url}${location.search}`,
      );
  });
  await page.goto(`${appUrl}/create/edit?${new URLSearchParams({ formData })}`);
  await page.getByText('Load Template Directory').click();
  await expectValue(page, /Cluster name/, 'cluster-east');
  await nextPage(page);
  await page
    .getByLabel(/Istio version/)
    .first()
    .fill('1.30.3');
  for (let pageIndex = 0; pageIndex < 10; pageIndex++) {
    const next = page.getByRole('button', { name: /^(Next|Review)$/ });
    if ((await next.count()) === 0) break;
    await next.click();
  }
  await page.getByRole('button', { name: 'Create' }).click();
  await page.getByText('Dry-run results').waitFor();
  await page.getByRole('tab', { name: 'Output' }).click();
  await page.getByText('What changes').first().waitFor();
  await page
    .getByText(/istio\.version.*1\.30\.1.*1\.30\.3/)
    .first()
    .waitFor();
  await page.screenshot({
    path: path.join(outDir, 'change-mesh-dry-run.png'),
    fullPage: true,
  });

  step('pressing Upgrade Istio beside Change mesh');
  await page.goto(`${appUrl}/catalog/default/resource/cluster-east/mesh`);
  await page.getByRole('button', { name: 'Upgrade Istio' }).click();
  await page.waitForURL(/\/create\/templates\/default\/upgrade-istio\?/);
  await page
    .getByLabel(/Target Istio version/)
    .first()
    .waitFor();
  const upgradeForm = JSON.parse(
    new URL(page.url()).searchParams.get('formData'),
  );
  if (upgradeForm.upgrade?.committedSpec?.cluster?.name !== 'cluster-east') {
    throw new Error(
      `Upgrade Istio opened without cluster-east's committed spec: ${JSON.stringify(
        upgradeForm,
      ).slice(0, 300)}`,
    );
  }
  await page.screenshot({
    path: path.join(outDir, 'upgrade-istio-form.png'),
    fullPage: true,
  });
}
