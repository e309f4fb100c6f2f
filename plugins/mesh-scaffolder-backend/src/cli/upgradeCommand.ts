import fs from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { formatBundleProblem } from '../bundle/formatBundleProblem';
import { writeBundle } from '../bundle/writeBundle';
import { renderMeshBundle } from '../render/renderMeshBundle';
import {
  advanceUpgrade,
  isUpgradeStage,
  UPGRADE_STAGES,
  UpgradeRefusedError,
} from '../upgrade';
import { validateBundle } from '../validate/validateBundle';
import type { CliOutput } from './cliOutput';
import { readSpecFile } from './readSpecFile';

export const upgradeUsage = `  mesh-bundle upgrade --spec <spec.yaml> --to <version> --stage <stage> --out <dir>
                      [--namespaces <ns,ns>]          run one stage (${UPGRADE_STAGES.join(
                        ', ',
                      )}) of a staged
                                                      Istio upgrade: write the next spec and the
                                                      re-rendered cluster folders into <dir>`;

/**
 * `mesh-bundle upgrade`: advances the spec by one stage, renders it, and writes the cluster
 * folders with their next spec documents. Files the previous stage rendered and this one does not
 * (the old istiod's values at cleanup) are removed, so `mesh-bundle check` passes on the result.
 */
export async function upgrade(
  args: string[],
  io: CliOutput,
  usage: string,
): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      spec: { type: 'string' },
      to: { type: 'string' },
      stage: { type: 'string' },
      out: { type: 'string' },
      namespaces: { type: 'string' },
    },
  });
  if (!values.spec || !values.to || !values.out || !values.stage) {
    io.err(usage);
    return 2;
  }
  if (!isUpgradeStage(values.stage)) {
    io.err(
      `--stage ${values.stage}: must be one of ${UPGRADE_STAGES.join(
        ', ',
      )}\n${usage}`,
    );
    return 2;
  }
  const read = await readSpecFile(values.spec);
  if (!read.spec) {
    for (const line of read.problems) io.err(line);
    return 1;
  }
  let step;
  try {
    step = advanceUpgrade(read.spec, values.to, values.stage, {
      namespaces: values.namespaces?.split(',').filter(Boolean),
    });
  } catch (error) {
    if (!(error instanceof UpgradeRefusedError)) throw error;
    for (const reason of error.reasons) io.err(`refused: ${reason}`);
    return 1;
  }
  const before = renderMeshBundle(read.spec);
  const bundle = renderMeshBundle(step.spec);
  const problems = validateBundle(bundle);
  if (problems.length > 0) {
    for (const p of problems) io.err(formatBundleProblem(p));
    return 1;
  }
  const outDir = path.resolve(values.out);
  const written = new Set(await writeBundle(bundle, outDir));
  const dropped = before.files.map(f => f.path).filter(p => !written.has(p));
  for (const file of dropped) {
    await fs.rm(resolveSafeChildPath(outDir, file), { force: true });
  }
  for (const note of step.notes) io.out(`note: ${note}`);
  io.out(
    `Stage ${values.stage}: wrote ${written.size} files to ${outDir}${
      dropped.length ? `, removed ${dropped.join(', ')}` : ''
    }`,
  );
  return 0;
}
