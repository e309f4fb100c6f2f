import fs from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { formatBundleProblem } from '../bundle/formatBundleProblem';
import { readBundle } from '../bundle/readBundle';
import { summarizeBundle } from '../bundle/summarizeBundle';
import { writeBundle } from '../bundle/writeBundle';
import { renderMeshBundle } from '../render/renderMeshBundle';
import { validateBundle } from '../validate/validateBundle';
import { checkRepository } from './checkRepository';
import { readSpecFile } from './readSpecFile';
import { upgrade, upgradeUsage } from './upgradeCommand';

import type { CliOutput } from './cliOutput';

export type { CliOutput } from './cliOutput';

const usage = `Usage:
  mesh-bundle render --spec <spec.yaml> --out <dir>   render, validate and write a mesh bundle
  mesh-bundle validate <dir>                          validate a written bundle
  mesh-bundle check <repo-root>                       re-render every cluster folder from its
                                                      mesh-cluster.yaml and compare
${upgradeUsage}
The spec is a MeshCluster document (a cluster folder's mesh-cluster.yaml) or a bare MeshClusterSpec.
Exit code 0 on success, 1 on invalid input or output or a difference (one line per problem or
file), 2 on wrong usage.`;

async function render(args: string[], io: CliOutput): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { spec: { type: 'string' }, out: { type: 'string' } },
  });
  if (!values.spec || !values.out) {
    io.err(usage);
    return 2;
  }
  const { spec, problems: specProblems } = await readSpecFile(values.spec);
  if (!spec) {
    for (const line of specProblems) io.err(line);
    return 1;
  }
  const bundle = renderMeshBundle(spec);
  const problems = validateBundle(bundle);
  if (problems.length > 0) {
    // Nothing is written: a bundle that does not validate must not reach a repository.
    for (const p of problems) io.err(formatBundleProblem(p));
    return 1;
  }
  const outDir = path.resolve(values.out);
  await writeBundle(bundle, outDir);
  io.out(`Wrote ${bundle.files.length} files to ${outDir}`);
  io.out(summarizeBundle(bundle));
  return 0;
}

async function validate(args: string[], io: CliOutput): Promise<number> {
  const { positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {},
  });
  if (positionals.length !== 1) {
    io.err(usage);
    return 2;
  }
  const dir = path.resolve(positionals[0]);
  let bundle;
  try {
    bundle = await readBundle(dir);
  } catch (error) {
    io.err(`${positionals[0]}: ${(error as Error).message}`);
    return 1;
  }
  const problems = validateBundle(bundle);
  for (const p of problems) io.err(formatBundleProblem(p));
  if (problems.length > 0) return 1;
  io.out(
    `Valid: ${bundle.objects.length} objects, ${bundle.helmValues.length} Helm values files`,
  );
  io.out(summarizeBundle(bundle));
  return 0;
}

async function check(args: string[], io: CliOutput): Promise<number> {
  const { positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {},
  });
  const root = positionals.length === 1 ? path.resolve(positionals[0]) : '';
  const stat = root ? await fs.stat(root).catch(() => undefined) : undefined;
  if (!stat?.isDirectory()) {
    io.err(root ? `${positionals[0]}: not a folder\n${usage}` : usage);
    return 2;
  }
  let result;
  try {
    result = await checkRepository(root);
  } catch (error) {
    io.err(`${positionals[0]}: ${(error as Error).message}`);
    return 1;
  }
  if (result.folders.length === 0) {
    io.err(
      `${positionals[0]}: no cluster folder holds a mesh-cluster.yaml; nothing to check (is this the GitOps repository's root?)`,
    );
    return 1;
  }
  for (const line of result.differences) io.err(line);
  if (result.differences.length > 0) return 1;
  io.out(
    `${
      result.folders.length
    } cluster folders match their spec documents: ${result.folders.join(', ')}`,
  );
  return 0;
}

/** Runs the `mesh-bundle` command line; returns the process exit code. */
export async function runMeshBundleCli(
  argv: string[],
  io: CliOutput,
): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === 'render') return await render(rest, io);
    if (command === 'validate') return await validate(rest, io);
    if (command === 'check') return await check(rest, io);
    if (command === 'upgrade') return await upgrade(rest, io, usage);
    if (command === '--help' || command === '-h' || command === 'help') {
      io.out(usage);
      return 0;
    }
    io.err(usage);
    return 2;
  } catch (error) {
    if ((error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`${(error as Error).message}\n${usage}`);
      return 2;
    }
    throw error;
  }
}
