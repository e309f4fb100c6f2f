import fs from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { formatBundleProblem } from '../bundle/formatBundleProblem';
import { writeBundle } from '../bundle/writeBundle';
import { targetPathFor } from '../render/meshMembers';
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
                                                      re-rendered cluster folder into <dir>`;

/**
 * `mesh-bundle upgrade`: advances the spec by one stage, renders it, and writes the spec's own
 * cluster folder with its next spec document. Files the previous stage rendered and this one does not
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
  // Each member's folder belongs to its own spec document; the others upgrade from theirs.
  const folder = `${targetPathFor(step.spec, step.spec.cluster.name)}/`;
  const ownFiles = (files: typeof bundle.files) =>
    files.filter(f => f.path.startsWith(folder));
  const outDir = path.resolve(values.out);
  const written = new Set(
    await writeBundle({ ...bundle, files: ownFiles(bundle.files) }, outDir),
  );
  const dropped = ownFiles(before.files)
    .map(f => f.path)
    .filter(p => !written.has(p));
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
