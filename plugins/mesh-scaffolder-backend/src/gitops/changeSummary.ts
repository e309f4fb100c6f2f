import { MESH_CLUSTER_DOCUMENT_FILE } from '@mesh-templates/plugin-mesh-common';
import yaml from 'yaml';
import { catalogInfoFileName } from './catalogInfo';
import { FileChange } from './gitopsFile';
import { changedLeaves, leafValues } from './leafValues';

/** An object of the cluster's tree, by kind and namespace/name, and the file that holds it. */
export interface ObjectRef {
  kind: string;
  name: string;
  namespace?: string;
  file: string;
}

/** What a change does to one cluster folder, compared with what the base branch holds. */
export interface ChangeSummary {
  /** Fields of the spec document whose value changes (`path: before → after`). */
  specFields: Array<{ path: string; before?: string; after?: string }>;
  added: ObjectRef[];
  /** Objects kept, with the field paths whose value changes and any Helm chart they upgrade. */
  changed: Array<ObjectRef & { fields: string[]; charts: ChartUpgrade[] }>;
  removed: ObjectRef[];
  /** Helm values files (one per release) whose keys change. */
  values: Array<{ release: string; file: string; keys: string[] }>;
}

/** A chart version an Argo CD Application or Flux HelmRelease moves to. */
export interface ChartUpgrade {
  chart: string;
  before?: string;
  after?: string;
}

/** Where Argo CD (`targetRevision`) and Flux (`version`) name a chart's version, beside `chart`. */
const CHART_VERSION = /^(.*)\.(targetRevision|version)$/;

function chartUpgrades(
  changes: Array<{ path: string; before?: string; after?: string }>,
  leaves: Map<string, string>,
): ChartUpgrade[] {
  return changes.flatMap(({ path, before, after }) => {
    const chart = leaves.get(`${CHART_VERSION.exec(path)?.[1]}.chart`);
    return CHART_VERSION.test(path) && chart ? [{ chart, before, after }] : [];
  });
}

interface ParsedObject extends ObjectRef {
  leaves: Map<string, string>;
}

const isYaml = (path: string) => /\.ya?ml$/.test(path);
const baseName = (path: string) => path.slice(path.lastIndexOf('/') + 1);
const keyOf = (o: ObjectRef) => `${o.kind}/${o.namespace ?? ''}/${o.name}`;

function documents(text: string | undefined): unknown[] {
  if (text === undefined) return [];
  return yaml
    .parseAllDocuments(text)
    .flatMap(doc => (doc.errors.length > 0 ? [] : [doc.toJS()]));
}

function objectsOf(file: string, text: string | undefined): ParsedObject[] {
  return documents(text).flatMap((o: any) =>
    o && typeof o.kind === 'string' && typeof o.metadata?.name === 'string'
      ? [
          {
            kind: o.kind,
            name: o.metadata.name,
            ...(typeof o.metadata.namespace === 'string' && {
              namespace: o.metadata.namespace,
            }),
            file,
            leaves: leafValues(o),
          },
        ]
      : [],
  );
}

const byRef = (a: ObjectRef, b: ObjectRef) =>
  a.kind.localeCompare(b.kind) ||
  (a.namespace ?? '').localeCompare(b.namespace ?? '') ||
  a.name.localeCompare(b.name);

const strip = ({ kind, name, namespace, file }: ObjectRef): ObjectRef => ({
  kind,
  name,
  ...(namespace !== undefined && { namespace }),
  file,
});

function compareObjects(before: ParsedObject[], after: ParsedObject[]) {
  const old = new Map(before.map(o => [keyOf(o), o]));
  const now = new Map(after.map(o => [keyOf(o), o]));
  const changed = after
    .filter(o => old.has(keyOf(o)))
    .map(o => {
      const fields = changedLeaves(old.get(keyOf(o))!.leaves, o.leaves);
      return {
        ...strip(o),
        fields: fields.map(c => c.path),
        charts: chartUpgrades(fields, o.leaves),
      };
    })
    .filter(o => o.fields.length > 0);
  return {
    added: after
      .filter(o => !old.has(keyOf(o)))
      .map(strip)
      .sort(byRef),
    changed: changed.sort(byRef),
    removed: before
      .filter(o => !now.has(keyOf(o)))
      .map(strip)
      .sort(byRef),
  };
}

/**
 * What merging changes in one cluster folder, from the changes relative to the base branch and
 * the base branch's text of every file they update or delete. Deterministic: sorted throughout.
 */
export function summarizeChange(
  changes: FileChange[],
  previous: Map<string, string>,
): ChangeSummary {
  const before: ParsedObject[] = [];
  const after: ParsedObject[] = [];
  const summary: ChangeSummary = {
    specFields: [],
    added: [],
    changed: [],
    removed: [],
    values: [],
  };
  for (const change of [...changes].sort((a, b) =>
    a.path.localeCompare(b.path),
  )) {
    const name = baseName(change.path);
    if (!isYaml(change.path) || name === catalogInfoFileName) continue;
    const old = previous.get(change.path);
    const now = change.action === 'delete' ? undefined : change.content;
    if (name === MESH_CLUSTER_DOCUMENT_FILE) {
      const spec = (text?: string) =>
        leafValues((documents(text)[0] as any)?.spec ?? {});
      summary.specFields = changedLeaves(spec(old), spec(now));
    } else if (change.path.includes('/values/')) {
      const keys = changedLeaves(
        leafValues(documents(old)[0] ?? {}),
        leafValues(documents(now)[0] ?? {}),
      ).map(c => c.path);
      const release = name.replace(/\.ya?ml$/, '');
      summary.values.push({ release, file: change.path, keys });
    } else {
      before.push(...objectsOf(change.path, old));
      after.push(...objectsOf(change.path, now));
    }
  }
  return { ...summary, ...compareObjects(before, after) };
}
