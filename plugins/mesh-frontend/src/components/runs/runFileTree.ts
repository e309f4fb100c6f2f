import { MeshRunFileEntry } from '@mesh-templates/plugin-mesh-common';

/** The run's files as shown: one group per cluster (and one for the bundle's own files), then per component. */
export interface RunFileGroup {
  title: string;
  components: Array<{ component: string; files: MeshRunFileEntry[] }>;
}

export function runFileTree(files: MeshRunFileEntry[]): RunFileGroup[] {
  const groups = new Map<string, Map<string, MeshRunFileEntry[]>>();
  for (const file of files) {
    const title = file.cluster ? `Cluster ${file.cluster}` : 'Bundle';
    const components = groups.get(title) ?? new Map();
    components.set(file.component, [
      ...(components.get(file.component) ?? []),
      file,
    ]);
    groups.set(title, components);
  }
  // Files come sorted by path, so the root's files (bundle-index.json) come before `clusters/`.
  return [...groups.entries()].map(([title, components]) => ({
    title,
    components: [...components.entries()].map(([component, list]) => ({
      component,
      files: list,
    })),
  }));
}

/** The file's name within its component folder, e.g. `values/istiod.yaml`. */
export function shortName(file: MeshRunFileEntry): string {
  const parts = file.path.split('/');
  if (!file.cluster) return file.path;
  return parts.slice(file.component === 'cluster' ? 2 : 3).join('/');
}

/** CodeSnippet's language for a bundle file. */
export function languageOf(path: string): string {
  if (/\.ya?ml$/.test(path)) return 'yaml';
  if (path.endsWith('.json')) return 'json';
  if (path.endsWith('.md')) return 'markdown';
  return 'text';
}
