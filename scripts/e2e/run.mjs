// Starts the real app and backend, then drives Chromium through every *.e2e.mjs spec here.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { stringify } from 'yaml';
import { waitForHttp } from './waitForHttp.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const outDir = path.join(root, 'test-output', 'e2e');
const appUrl = 'http://localhost:3000';
const backendUrl = 'http://localhost:7007';
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const startTimeoutMs = 240_000;

const children = [];
const stops = [];

function startPackage(name, configArgs) {
  const log = fs.openSync(path.join(outDir, `${name}.log`), 'w');
  // A process group of its own, so stopping it also stops the dev server's workers.
  const child = spawn(
    'npx',
    ['backstage-cli', 'package', 'start', ...configArgs],
    {
      cwd: path.join(root, 'packages', name),
      detached: true,
      stdio: ['ignore', log, log],
      env: { ...process.env, BROWSER: 'none', NODE_ENV: 'development' },
    },
  );
  children.push(child);
  return child;
}

function stopAll() {
  for (const child of children) {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
}

async function main() {
  if (!fs.existsSync(chromiumPath)) {
    throw new Error(
      `Chromium not found at ${chromiumPath}: install Debian's package (scripts/install-system-packages.sh) or set CHROMIUM_PATH`,
    );
  }
  fs.mkdirSync(outDir, { recursive: true });
  const specFiles = fs
    .readdirSync(here)
    .filter(f => f.endsWith('.e2e.mjs'))
    // E2E_ONLY=change-mesh,catalog runs only the specs whose file names start so.
    .filter(
      f =>
        !process.env.E2E_ONLY ||
        process.env.E2E_ONLY.split(',').some(only => f.startsWith(only)),
    )
    .sort();
  const specs = [];
  for (const file of specFiles) {
    specs.push({
      file,
      ...(await import(pathToFileURL(path.join(here, file)).href)),
    });
  }

  const extraConfig = {};
  for (const spec of specs) {
    if (spec.before) {
      const { config, stop } = (await spec.before({ outDir })) ?? {};
      if (stop) stops.push(stop);
      if (config) deepMerge(extraConfig, config);
    }
  }
  const extraConfigFile = path.join(outDir, 'app-config.e2e.yaml');
  fs.writeFileSync(extraConfigFile, stringify(extraConfig));
  const configArgs = [
    '--config',
    path.join(root, 'app-config.yaml'),
    '--config',
    extraConfigFile,
  ];

  // Answers before we start anything would come from someone else's app: refuse to test that.
  for (const url of [appUrl, backendUrl]) {
    if (await answers(url)) {
      throw new Error(
        `${url} is already in use; stop the app running there and re-run`,
      );
    }
  }
  const started = Date.now();
  const backend = startPackage('backend', configArgs);
  const app = startPackage('app', configArgs);
  await Promise.all([
    waitForHttp(`${backendUrl}/api/catalog/entities?limit=1`, {
      timeoutMs: startTimeoutMs,
      process: backend,
      what: 'backend (see test-output/e2e/backend.log)',
    }),
    waitForHttp(appUrl, {
      timeoutMs: startTimeoutMs,
      process: app,
      what: 'app dev server (see test-output/e2e/app.log)',
    }),
  ]);
  console.log(`e2e: app and backend answered after ${Date.now() - started} ms`);

  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  let passed = 0;
  let failed = 0;
  try {
    for (const spec of specs) {
      const context = await browser.newContext({
        viewport: { width: 1400, height: 900 },
      });
      const page = await context.newPage();
      page.setDefaultTimeout(60_000);
      const t0 = Date.now();
      try {
        await spec.run({
          page,
          appUrl,
          backendUrl,
          outDir,
          signIn: () => signIn(page),
          step: msg => console.log(`  ${spec.name}: ${msg}`),
        });
        passed += 1;
        console.log(`✓ ${spec.name} (${Date.now() - t0} ms)`);
      } catch (error) {
        failed += 1;
        await page
          .screenshot({
            path: path.join(
              outDir,
              `${path.basename(spec.file, '.e2e.mjs')}-failure.png`,
            ),
            fullPage: true,
          })
          .catch(() => {});
        console.log(`✗ ${spec.name}: ${error.stack ?? error}`);
      } finally {
        await context.close();
      }
    }
  } finally {
    await browser.close();
  }
  console.log(`e2e: ${passed} passed, ${failed} failed`);
  return failed === 0 && passed > 0;
}

/** Every spec has a fresh browser context, so the guest sign-in page always comes first. */
async function signIn(page) {
  const enter = page.getByRole('button', { name: 'Enter' });
  await enter.waitFor({ state: 'visible' });
  await enter.click();
  await enter.waitFor({ state: 'detached' });
}

async function answers(url) {
  try {
    await fetch(url, { signal: AbortSignal.timeout(2_000) });
    return true;
  } catch {
    return false;
  }
}

function deepMerge(target, source) {
  for (const [key, value] of Object.entries(source)) {
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      target[key] = deepMerge(target[key] ?? {}, value);
    } else {
      target[key] = value;
    }
  }
  return target;
}

let ok = false;
try {
  ok = await main();
} catch (error) {
  console.error(`e2e: ${error.stack ?? error}`);
} finally {
  stopAll();
  for (const stop of stops) await stop().catch(() => {});
}
process.exit(ok ? 0 : 1);
