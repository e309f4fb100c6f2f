import yaml from 'yaml';
import { FileChange, GitopsFile } from './gitopsFile';
import { escapeMarkdownCell } from './markdown';

/** Kinds whose deletion takes data or workloads with it; a merge that prunes one deserves a warning. */
export const DESTRUCTIVE_KINDS = [
  'Namespace',
  'CustomResourceDefinition',
  'PersistentVolumeClaim',
  'Secret',
];

/** An object of a destructive kind the previous tree had and the proposed tree no longer has. */
export interface DeletedObject {
  kind: string;
  name: string;
  namespace?: string;
  /** Repository path of the file that held it. */
  file: string;
}

interface NamedObject {
  kind: string;
  name: string;
  namespace?: string;
}

const keyOf = (o: NamedObject) => `${o.kind}/${o.namespace ?? ''}/${o.name}`;

/** Destructive objects of a YAML file; what does not parse holds none a GitOps engine could prune. */
function destructiveObjects(text: string): NamedObject[] {
  return yaml
    .parseAllDocuments(text)
    .flatMap(doc => (doc.errors.length > 0 ? [] : [doc.toJS()]))
    .filter(
      (o: any) =>
        o &&
        typeof o.kind === 'string' &&
        DESTRUCTIVE_KINDS.includes(o.kind) &&
        typeof o.metadata?.name === 'string',
    )
    .map((o: any) => ({
      kind: o.kind,
      name: o.metadata.name,
      ...(typeof o.metadata.namespace === 'string' && {
        namespace: o.metadata.namespace,
      }),
    }));
}

const isYaml = (path: string) => /\.ya?ml$/.test(path);

/**
 * The Namespaces, CRDs, PersistentVolumeClaims and Secrets that the previous files held and the
 * wanted files no longer do: what the GitOps engine prunes once the change merges. Only files the
 * change updates or deletes are read, through `readPrevious`.
 */
export async function deletedObjects(
  changes: FileChange[],
  wanted: GitopsFile[],
  readPrevious: (path: string) => Promise<string>,
): Promise<DeletedObject[]> {
  const kept = new Set(
    wanted
      .filter(f => isYaml(f.path))
      .flatMap(f => destructiveObjects(f.content))
      .map(keyOf),
  );
  const deleted: DeletedObject[] = [];
  for (const change of changes) {
    if (change.action === 'create' || !isYaml(change.path)) {
      continue;
    }
    for (const object of destructiveObjects(await readPrevious(change.path))) {
      if (!kept.has(keyOf(object))) {
        deleted.push({ ...object, file: change.path });
      }
    }
  }
  return deleted;
}

/** The body's opening section: what the merge deletes from the cluster, or that it deletes nothing. */
export function deletesSection(deleted: DeletedObject[]): string[] {
  if (deleted.length === 0) {
    return [];
  }
  return [
    '### Deletes',
    '',
    '> [!WARNING]',
    '> Merging removes these objects from the tree; Argo CD or Flux with pruning on deletes them from the cluster, with everything in them.',
    '',
    ...deleted.map(
      d =>
        `- ${d.kind} ${escapeMarkdownCell(
          d.namespace ? `${d.namespace}/${d.name}` : d.name,
        )} (from ${escapeMarkdownCell(d.file)})`,
    ),
    '',
  ];
}
