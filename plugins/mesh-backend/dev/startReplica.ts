/**
 * A backend process with the mesh plugin only, configured by `--config <file>` like any Backstage
 * backend: what the two-replica test runs twice against one PostgreSQL and one Redis.
 *
 *   node --require @backstage/cli/config/nodeTransform.cjs dev/startReplica.ts --config replica.yaml
 */
import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();
backend.add(import('../src'));
backend.start();
