import type {
  BundleIndexEntry,
  BundleProblem,
  MeshBundle,
} from '../../bundle/meshBundle';
import { BUNDLE_INDEX_FILE } from '../../bundle/bundleIndex';

function key(
  entry: Omit<BundleIndexEntry, 'component'> & { component?: string },
): string {
  return [
    entry.cluster,
    entry.file,
    entry.apiVersion,
    entry.kind,
    entry.namespace ?? '',
    entry.name,
  ].join('|');
}

function describe(entry: {
  apiVersion: string;
  kind: string;
  name: string;
  namespace?: string;
}): string {
  return `${entry.apiVersion} ${entry.kind} ${
    entry.namespace ? `${entry.namespace}/` : ''
  }${entry.name}`;
}

/**
 * The index (`bundle-index.json`) is what the pull request, the catalog and the apply step read:
 * it must list every object once, with the object's own file, component, kind, name and namespace.
 */
export function indexMatchesObjects(bundle: MeshBundle): BundleProblem[] {
  const problems: BundleProblem[] = [];
  const indexed = new Map<string, BundleIndexEntry>();
  bundle.index.forEach((entry, i) => {
    const k = key(entry);
    if (indexed.has(k)) {
      problems.push({
        file: BUNDLE_INDEX_FILE,
        subject: 'index',
        path: `objects[${i}]`,
        message: `lists ${describe(entry)} in ${entry.file} twice`,
      });
    }
    indexed.set(k, entry);
  });
  const seen = new Set<string>();
  for (const { cluster, file, component, object } of bundle.objects) {
    const entry = {
      cluster,
      file,
      apiVersion: object.apiVersion,
      kind: object.kind,
      name: object.metadata.name,
      namespace: object.metadata.namespace,
    };
    const k = key(entry);
    seen.add(k);
    const listed = indexed.get(k);
    if (!listed) {
      problems.push({
        file: BUNDLE_INDEX_FILE,
        subject: 'index',
        path: 'objects',
        message: `does not list ${describe(entry)} of ${file}`,
      });
    } else if (listed.component !== component) {
      problems.push({
        file: BUNDLE_INDEX_FILE,
        subject: 'index',
        path: 'objects',
        message: `gives ${describe(entry)} component "${
          listed.component
        }" but it belongs to "${component}"`,
      });
    }
  }
  bundle.index.forEach((entry, i) => {
    if (!seen.has(key(entry))) {
      problems.push({
        file: BUNDLE_INDEX_FILE,
        subject: 'index',
        path: `objects[${i}]`,
        message: `lists ${describe(entry)} in ${
          entry.file
        }, but the bundle has no such object there`,
      });
    }
  });
  return problems;
}
