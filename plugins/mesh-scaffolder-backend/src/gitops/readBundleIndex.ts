import { InputError } from '@backstage/errors';
import fs from 'node:fs/promises';
import path from 'node:path';
import { BundleIndexEntry } from '../bundle/meshBundle';

/** File name of the machine-readable index at the bundle root. */
export const bundleIndexFileName = 'bundle-index.json';

function isIndexEntry(value: unknown): value is BundleIndexEntry {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const entry = value as Record<string, unknown>;
  return ['cluster', 'component', 'file', 'apiVersion', 'kind', 'name'].every(
    key => typeof entry[key] === 'string',
  );
}

/**
 * Reads `bundle-index.json` (a list of index rows, or an object holding it under `index` or
 * `entries`). A bundle without an index still gets a pull request; its body then says the object
 * table is missing instead of guessing.
 */
export async function readBundleIndex(
  bundleDir: string,
): Promise<BundleIndexEntry[] | undefined> {
  let text: string;
  try {
    text = await fs.readFile(path.join(bundleDir, bundleIndexFileName), 'utf8');
  } catch {
    return undefined;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new InputError(`${bundleIndexFileName} is not valid JSON: ${(error as Error).message}`);
  }
  const holder = parsed as { index?: unknown; entries?: unknown };
  const rows = Array.isArray(parsed) ? parsed : holder?.index ?? holder?.entries;
  if (!Array.isArray(rows) || !rows.every(isIndexEntry)) {
    throw new InputError(
      `${bundleIndexFileName} must be a list of rows with cluster, component, file, apiVersion, kind and name`,
    );
  }
  return rows;
}
