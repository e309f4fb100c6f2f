import fs from 'node:fs/promises';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import type {
  BundleComponent,
  BundleFile,
  BundleHelmValues,
  BundleIndexEntry,
  BundleObject,
  KubernetesObject,
  MeshBundle,
} from '../bundle/meshBundle';

const indexFile = 'bundle-index.json';
const kustomizationFile = 'kustomization.yaml';

/** Top folders of a cluster tree and the component their files belong to. */
const folderComponents: Record<string, BundleComponent> = {
  istio: 'istio',
  multicluster: 'multi-cluster',
  gateways: 'gateways',
  observability: 'observability',
  policy: 'policy',
  gitops: 'gitops',
};

async function listFiles(root: string, prefix = ''): Promise<string[]> {
  const entries = await fs.readdir(path.join(root, prefix), {
    withFileTypes: true,
  });
  const files: string[] = [];
  for (const entry of entries) {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      files.push(...(await listFiles(root, relative)));
    } else if (entry.isFile()) {
      // Symlinks are skipped: a bundle is plain files, and a link could point outside it.
      files.push(relative);
    }
  }
  return files;
}

function dirname(file: string): string {
  const slash = file.lastIndexOf('/');
  return slash === -1 ? '' : file.slice(0, slash);
}

function commonDir(files: string[]): string {
  const dirs = files.map(f => dirname(f).split('/'));
  const first = dirs[0] ?? [];
  let length = first.length;
  for (const dir of dirs) {
    let i = 0;
    while (i < length && dir[i] === first[i]) i++;
    length = i;
  }
  return first.slice(0, length).join('/');
}

function readIndex(content: string): {
  clusters: string[];
  objects: BundleIndexEntry[];
} {
  const parsed = JSON.parse(content) as unknown;
  const record = parsed as { clusters?: unknown; objects?: unknown };
  if (!Array.isArray(record?.clusters) || !Array.isArray(record?.objects)) {
    throw new Error(`${indexFile} must hold "clusters" and "objects" lists`);
  }
  return {
    clusters: record.clusters.map(String),
    objects: record.objects as BundleIndexEntry[],
  };
}

/** Helm release rows of a cluster README (`| release | chart | version | namespace | values |`). */
function readmeReleases(readme: string | undefined): Array<{
  release: string;
  chart: string;
  version: string;
  namespace: string;
  file: string;
}> {
  if (!readme) return [];
  return readme
    .split('\n')
    .map(line => line.trim())
    .filter(line => /^\|.*\|$/.test(line) && !/^\|\s*(release|---)/.test(line))
    .map(line =>
      line
        .slice(1, -1)
        .split('|')
        .map(cell => cell.trim()),
    )
    .filter(cells => cells.length === 5)
    .map(([release, chart, version, namespace, file]) => ({
      release,
      chart,
      version,
      namespace,
      file,
    }));
}

/** The chart a values file is for when no README row names it: `gateway-<release>.yaml` or `<chart>.yaml`. */
function valuesFromFileName(file: string): { chart: string; release: string } {
  const base = path.posix.basename(file).replace(/\.ya?ml$/, '');
  if (base.startsWith('gateway-')) {
    return { chart: 'gateway', release: base.slice('gateway-'.length) };
  }
  return { chart: base, release: base };
}

function isObjectDocument(value: unknown): value is KubernetesObject {
  const record = value as Record<string, unknown> | null;
  return (
    typeof record === 'object' &&
    record !== null &&
    typeof record.apiVersion === 'string' &&
    typeof record.kind === 'string'
  );
}

/**
 * Reads a bundle written by `writeBundle` back into memory, for `mesh-bundle validate <dir>` and
 * the validate action: every file, the objects of every YAML file under the cluster trees,
 * Helm values files (YAML mappings without apiVersion/kind), and `bundle-index.json`.
 * Values files get their chart, version, release and namespace from the tree README's Helm
 * release table, falling back to the file name.
 *
 * @throws Error when the folder has no bundle index or a YAML file does not parse
 */
export async function readBundleDirectory(dir: string): Promise<MeshBundle> {
  const root = path.resolve(dir);
  const paths = (await listFiles(root)).sort();
  if (!paths.includes(indexFile)) {
    throw new Error(
      `${dir} holds no ${indexFile}; is it a mesh bundle folder?`,
    );
  }
  const files: BundleFile[] = [];
  for (const file of paths) {
    files.push({
      path: file,
      content: await fs.readFile(path.join(root, file), 'utf8'),
    });
  }
  const contents = new Map(files.map(f => [f.path, f.content]));
  const index = readIndex(contents.get(indexFile)!);

  const kustomizationDirs = new Set(
    paths.filter(p => p.endsWith(`/${kustomizationFile}`)).map(dirname),
  );
  const trees = index.clusters.map(cluster => {
    let tree = commonDir(
      index.objects.filter(e => e.cluster === cluster).map(e => e.file),
    );
    while (tree && !kustomizationDirs.has(tree)) tree = dirname(tree);
    return { cluster, dir: tree || `clusters/${cluster}` };
  });
  const treeOf = (file: string) =>
    trees
      .filter(t => file.startsWith(`${t.dir}/`))
      .sort((a, b) => b.dir.length - a.dir.length)[0];

  const objects: BundleObject[] = [];
  const helmValues: BundleHelmValues[] = [];
  for (const file of paths) {
    const tree = treeOf(file);
    if (
      !tree ||
      !/\.ya?ml$/.test(file) ||
      file.endsWith(`/${kustomizationFile}`)
    )
      continue;
    const relative = file.slice(tree.dir.length + 1);
    const folderComponent =
      folderComponents[relative.split('/')[0]] ?? 'namespaces';
    const documents = parseAllDocuments(contents.get(file)!);
    for (const document of Array.isArray(documents) ? documents : [documents]) {
      if (document.errors.length > 0) {
        throw new Error(
          `${file} is not valid YAML: ${document.errors[0].message}`,
        );
      }
      const value = document.toJS() as unknown;
      if (value === null || value === undefined) continue;
      if (isObjectDocument(value)) {
        const entry = index.objects.find(
          e =>
            e.file === file &&
            e.kind === value.kind &&
            e.name === value.metadata?.name &&
            (e.namespace ?? '') === (value.metadata?.namespace ?? ''),
        );
        objects.push({
          cluster: tree.cluster,
          file,
          component: entry?.component ?? folderComponent,
          object: value,
        });
      } else {
        const row = readmeReleases(contents.get(`${tree.dir}/README.md`)).find(
          r => r.file === relative,
        );
        const fallback = valuesFromFileName(file);
        helmValues.push({
          cluster: tree.cluster,
          file,
          component: folderComponent,
          chart: row?.chart ?? fallback.chart,
          chartVersion: row?.version ?? '',
          release: row?.release ?? fallback.release,
          namespace: row?.namespace ?? '',
          values: value as Record<string, unknown>,
        });
      }
    }
  }
  return {
    clusters: index.clusters,
    objects,
    helmValues,
    files,
    index: index.objects,
  };
}
