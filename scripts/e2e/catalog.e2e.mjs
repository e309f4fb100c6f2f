// The catalog shows the example entities.
import path from 'node:path';

export const name = 'Catalog lists the example mesh entities';

export async function run({ page, appUrl, outDir, signIn, step }) {
  await page.goto(`${appUrl}/?filters[kind]=resource&filters[user]=all`);
  await signIn();
  for (const name of ['cluster-east', 'cluster-west']) {
    step(`waiting for ${name}`);
    await page
      .getByRole('link', { name, exact: true })
      .first()
      .waitFor({ state: 'visible' });
  }
  await page.screenshot({
    path: path.join(outDir, 'catalog-resources.png'),
    fullPage: true,
  });
}
