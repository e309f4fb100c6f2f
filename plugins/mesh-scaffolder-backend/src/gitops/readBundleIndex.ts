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
 * Reads `bundle-index.json` (`{ clusters, objects }` as the renderer writes it, or a bare list of
 * rows). A bundle without an index still gets a pull request; its body then says the object
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
    throw new InputError(
      `${bundleIndexFileName} is not valid JSON: ${(error as Error).message}`,
    );
  }
  const rows = Array.isArray(parsed)
    ? parsed
    : (parsed as { objects?: unknown })?.objects;
  if (!Array.isArray(rows) || !rows.every(isIndexEntry)) {
    throw new InputError(
      `${bundleIndexFileName} must be { clusters, objects } with objects rows of cluster, component, file, apiVersion, kind and name`,
    );
  }
  return rows;
}
