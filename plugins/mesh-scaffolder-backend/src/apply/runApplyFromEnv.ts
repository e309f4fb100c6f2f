import { ConfigReader } from '@backstage/config';
import { applyMeshBundle } from './applyMeshBundle';
import { hasFailures } from './applyResult';

/**
 * Command-line entry for checking the apply step against a real cluster (scripts/kind-check.sh):
 * one cluster from environment variables, the bundle folder as argument, one JSON line per
 * object on stdout. The token is read from the environment so it never appears in a process list.
 *
 *   MESH_CLUSTERS=name1,name2  MESH_URL_<n> / MESH_TOKEN_<n> / MESH_CA_DATA_<n> per cluster (n = 1, 2, ...)
 *   MESH_DRY_RUN_ONLY=1  MESH_FORCE=1  MESH_REMOTE_SECRETS=1  MESH_WAIT_SECONDS=120
 *   MESH_REMOVE_REVISION=1-30-3 (delete that revision's labelled objects after applying)
 */
async function main(): Promise<number> {
  const bundleDir = process.argv[2];
  const names = (process.env.MESH_CLUSTERS ?? '').split(',').filter(Boolean);
  if (!bundleDir || names.length === 0) {
    process.stderr.write(
      'usage: MESH_CLUSTERS=<name>[,...] MESH_URL_1=... MESH_TOKEN_1=... runApplyFromEnv.ts <bundle-dir>\n',
    );
    return 2;
  }
  const config = new ConfigReader({
    kubernetes: {
      clusterLocatorMethods: [
        {
          type: 'config',
          clusters: names.map((name, i) => ({
            name,
            url: process.env[`MESH_URL_${i + 1}`],
            authProvider: 'serviceAccount',
            serviceAccountToken: process.env[`MESH_TOKEN_${i + 1}`],
            caData: process.env[`MESH_CA_DATA_${i + 1}`],
          })),
        },
      ],
    },
  });
  const wait = process.env.MESH_WAIT_SECONDS;
  const removeRevision = process.env.MESH_REMOVE_REVISION;
  const reports = await applyMeshBundle({
    config,
    bundleDir,
    clusters: names,
    dryRunOnly: process.env.MESH_DRY_RUN_ONLY === '1',
    force: process.env.MESH_FORCE === '1',
    remoteSecrets: process.env.MESH_REMOTE_SECRETS === '1',
    ...(wait && { waitTimeoutSeconds: Number(wait) }),
    ...(removeRevision && { removeRevision }),
    log: message => process.stderr.write(`${message}\n`),
  });
  for (const result of reports.flatMap(r => r.results)) {
    process.stdout.write(`${JSON.stringify(result)}\n`);
  }
  return reports.some(hasFailures) ? 1 : 0;
}

main().then(
  code => process.exit(code),
  error => {
    process.stderr.write(
      `${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  },
);
