import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pollUntil } from '@mesh-templates/plugin-mesh-common';
import { freePort } from '@mesh-templates/plugin-mesh-common/testing';

/** A throw-away PostgreSQL server on 127.0.0.1, owned by the test that started it. */
export interface TestPostgres {
  host: string;
  port: number;
  user: string;
  password: string;
  stop(): Promise<void>;
}

const binDirs = [
  '/usr/lib/postgresql/17/bin',
  '/usr/lib/postgresql/16/bin',
  '/usr/lib/postgresql/15/bin',
];

function findBinDir(): string {
  const dir = binDirs.find(d => fs.existsSync(path.join(d, 'initdb')));
  if (!dir) {
    throw new Error(
      `PostgreSQL server binaries not found in ${binDirs.join(
        ', ',
      )}: install Debian's postgresql package (scripts/install-system-packages.sh)`,
    );
  }
  return dir;
}

/**
 * PostgreSQL refuses to run as root, which is what CI is; there the server runs as the
 * `postgres` system user that Debian's package creates.
 */
function asServerUser(command: string, args: string[]): [string, string[]] {
  return process.getuid?.() === 0
    ? ['runuser', ['-u', 'postgres', '--', command, ...args]]
    : [command, args];
}

export async function startPostgres(): Promise<TestPostgres> {
  const binDir = findBinDir();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mesh-pg-'));
  const dataDir = path.join(dir, 'data');
  const pwFile = path.join(dir, 'pw');
  const user = 'backstage';
  const password = `pw-${process.pid}-${Date.now()}`;
  fs.writeFileSync(pwFile, password);
  if (process.getuid?.() === 0) {
    execFileSync('chown', ['-R', 'postgres', dir]);
  }
  const [initCmd, initArgs] = asServerUser(path.join(binDir, 'initdb'), [
    '-D',
    dataDir,
    '-U',
    user,
    '--pwfile',
    pwFile,
    '-A',
    'scram-sha-256',
    '--no-sync',
  ]);
  execFileSync(initCmd, initArgs, { stdio: 'pipe' });
  fs.rmSync(pwFile);

  const port = await freePort();
  const [cmd, args] = asServerUser(path.join(binDir, 'postgres'), [
    '-D',
    dataDir,
    '-p',
    String(port),
    '-k',
    dir,
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    'fsync=off',
  ]);
  const server = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  server.stderr!.on('data', chunk => {
    stderr += chunk;
  });
  const exited = new Promise<void>(resolve =>
    server.once('exit', () => resolve()),
  );
  const pgCtl = (...pgCtlArgs: string[]) => {
    const [c, a] = asServerUser(path.join(binDir, 'pg_ctl'), pgCtlArgs);
    execFileSync(c, a, { stdio: 'pipe' });
  };

  try {
    await pollUntil(
      async () => {
        if (stderr.includes('ready to accept connections')) return true;
        if (server.exitCode !== null) {
          throw new Error(`PostgreSQL exited: ${stderr.slice(-500)}`);
        }
        return undefined;
      },
      {
        timeoutMs: 30_000,
        intervalMs: 100,
        description: () =>
          `PostgreSQL to accept connections (log: ${stderr.slice(-500)})`,
      },
    );
  } catch (error) {
    server.kill('SIGKILL');
    throw error;
  }

  return {
    host: '127.0.0.1',
    port,
    user,
    password,
    async stop() {
      // A signal to runuser would not reach the server; pg_ctl's fast shutdown does.
      pgCtl('stop', '-D', dataDir, '-m', 'fast', '-w');
      await exited;
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
