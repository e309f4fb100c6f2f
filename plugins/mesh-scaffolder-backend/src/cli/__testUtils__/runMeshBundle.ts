import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const bin = path.resolve(__dirname, '../../../bin/mesh-bundle');

/** Runs the real executable the way a CI pipeline would, capturing exit code and output. */
export async function runMeshBundle(...args: string[]) {
  try {
    const { stdout, stderr } = await run(bin, args, {
      maxBuffer: 16 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error: any) {
    return {
      code: error.code as number,
      stdout: error.stdout as string,
      stderr: error.stderr as string,
    };
  }
}
