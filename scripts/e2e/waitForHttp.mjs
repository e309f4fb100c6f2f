import { createRequire } from 'node:module';

// The shared pollUntil is TypeScript; Backstage's node transform lets this plain-JS runner load it.
const require = createRequire(import.meta.url);
require('@backstage/cli/config/nodeTransform.cjs');
const { pollUntil } = require('@mesh-templates/plugin-mesh-common');

/** Polls a URL until it answers with any HTTP status below 500, or fails with a message naming `what`. */
export async function waitForHttp(url, { timeoutMs, process: child, what }) {
  let exited = null;
  child?.once('exit', code => {
    exited = code;
  });
  await pollUntil(
    async () => {
      if (exited !== null) {
        throw new Error(`${what} exited with code ${exited} before answering`);
      }
      try {
        const res = await fetch(url, { signal: AbortSignal.timeout(5_000) });
        return res.status < 500 ? true : undefined;
      } catch {
        return undefined; // not listening yet
      }
    },
    { timeoutMs, intervalMs: 1_000, description: `${what} to answer ${url}` },
  );
}
