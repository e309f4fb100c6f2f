import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import fs from 'node:fs/promises';
import { parseAllDocuments } from 'yaml';
import { BundleIndexEntry, KubernetesObject } from '../bundle/meshBundle';
import { ApplyItem } from './resolveObjects';

/**
 * Reads one cluster's objects from a bundle written to the workspace. `bundle-index.json` says
 * which documents are Kubernetes objects; everything else (Helm values, kustomization.yaml,
 * READMEs) is not applied. Every object listed in the index must be found in its file, so an
 * edited or truncated bundle is refused instead of half-applied.
 */
export async function loadBundleObjects(
  bundleDir: string,
  cluster: string,
): Promise<ApplyItem[]> {
  const index = await readIndex(bundleDir);
  const entries = index.filter(entry => entry.cluster === cluster);
  if (entries.length === 0) {
    const known = [...new Set(index.map(e => e.cluster))].join(', ') || 'none';
    throw new InputError(
      `The bundle has no objects for cluster "${cluster}"; its clusters: ${known}`,
    );
  }
  const documents = new Map<string, KubernetesObject[]>();
  const items: ApplyItem[] = [];
  for (const entry of entries) {
    if (!documents.has(entry.file)) {
      documents.set(entry.file, await readObjects(bundleDir, entry.file));
    }
    const object = documents
      .get(entry.file)!
      .find(
        o =>
          o.apiVersion === entry.apiVersion &&
          o.kind === entry.kind &&
          o.metadata?.name === entry.name &&
          (o.metadata?.namespace ?? undefined) ===
            (entry.namespace ?? undefined),
      );
    if (!object) {
      throw new InputError(
        `${entry.file} has no ${entry.kind} ${
          entry.namespace ? `${entry.namespace}/` : ''
        }${entry.name} listed in bundle-index.json; re-render the bundle`,
      );
    }
    items.push({ object, file: entry.file });
  }
  return items;
}

async function readIndex(bundleDir: string): Promise<BundleIndexEntry[]> {
  const indexPath = resolveSafeChildPath(bundleDir, 'bundle-index.json');
  let text: string;
  try {
    text = await fs.readFile(indexPath, 'utf8');
  } catch {
    throw new InputError(
      'bundlePath has no bundle-index.json; run mesh:bundle:render into that folder first',
    );
  }
  const parsed = JSON.parse(text);
  // Written by renderMeshBundle as `{ clusters, objects: BundleIndexEntry[] }`.
  const entries = parsed?.objects;
  if (!Array.isArray(entries)) {
    throw new InputError(
      'bundle-index.json must hold { clusters, objects: [...] } as mesh:bundle:render writes it',
    );
  }
  return entries;
}

async function readObjects(
  bundleDir: string,
  file: string,
): Promise<KubernetesObject[]> {
  const text = await fs.readFile(resolveSafeChildPath(bundleDir, file), 'utf8');
  return parseAllDocuments(text)
    .map(document => {
      if (document.errors.length > 0) {
        throw new InputError(
          `${file} does not parse as YAML: ${document.errors[0].message}`,
        );
      }
      return document.toJS();
    })
    .filter(
      value =>
        value && typeof value === 'object' && value.apiVersion && value.kind,
    );
}
