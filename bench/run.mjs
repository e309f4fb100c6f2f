// Runs every *.bench.ts in this folder, one at a time, and writes BENCHMARKS.md.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const only = process.argv.slice(2);
const files = fs
  .readdirSync(here)
  .filter(f => f.endsWith('.bench.ts'))
  .filter(f => only.length === 0 || only.some(o => f.includes(o)))
  .sort();

const sections = [];
let failed = false;
for (const file of files) {
  console.error(`bench: ${file}`);
  const result = spawnSync(
    process.execPath,
    [
      '--expose-gc',
      '--require',
      '@backstage/cli/config/nodeTransform.cjs',
      path.join(here, file),
    ],
    {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  if (result.status !== 0) {
    failed = true;
    console.error(`bench: ${file} failed with exit code ${result.status}`);
    continue;
  }
  process.stdout.write(result.stdout);
  sections.push(result.stdout.trim());
}

const command = `npm run bench${only.length ? ` -- ${only.join(' ')}` : ''}`;
const header = [
  '# Benchmarks',
  '',
  `Produced by \`${command}\` on ${new Date().toISOString().slice(0, 10)}, ` +
    `${os.cpus().length} cores, ${Math.round(
      os.totalmem() / 2 ** 30,
    )} GiB, Node ${process.version}. ` +
    'Ratios compare figures measured in the same run; see bench/README.md.',
];
if (only.length === 0 && !failed) {
  fs.writeFileSync(
    path.join(root, 'BENCHMARKS.md'),
    `${[header.join('\n'), ...sections].join('\n\n')}\n`,
  );
  console.error('bench: wrote BENCHMARKS.md');
} else {
  console.error(
    'bench: BENCHMARKS.md left unchanged (a subset ran, or a bench failed)',
  );
}
process.exit(failed ? 1 : 0);
