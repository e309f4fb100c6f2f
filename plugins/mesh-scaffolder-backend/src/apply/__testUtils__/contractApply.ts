import { randomUUID } from 'node:crypto';
import { groupVersionOf, ServedKind } from './contractKinds';
import {
  deleteAt,
  displayPath,
  FieldPath,
  getAt,
  leafPaths,
  pathKey,
  sameValue,
  setAt,
  toFieldsV1,
  jsonClone,
} from './contractFieldPaths';
import { statusError, StatusBody } from './contractStatus';

/** An object as the contract server stores it, with the field sets each manager owns. */
export interface StoredObject {
  served: ServedKind;
  object: Record<string, any>;
  owners: Map<string, { paths: FieldPath[]; time: string }>;
}

export type ApplyComputation =
  | { conflict: StatusBody }
  | { next: StoredObject; changed: boolean };

const related = (a: FieldPath, b: FieldPath) => {
  const n = Math.min(a.length, b.length);
  return a.slice(0, n).every((key, i) => key === b[i]);
};

/**
 * Server-side apply as the API server does it, for maps and atomic lists: the manager owns the
 * fields it sets; a field another manager owns with a different value is a conflict unless
 * `force`; fields the manager set before and no longer sets are removed when nobody else owns them.
 */
export function computeApply(
  served: ServedKind,
  existing: StoredObject | undefined,
  manager: string,
  rawConfig: Record<string, any>,
  force: boolean,
): ApplyComputation {
  const config = normalizeConfig(served, rawConfig);
  const newPaths = leafPaths(config);
  const previous = existing?.object ?? {};
  const owners = new Map(existing?.owners ?? []);

  const conflicts: Array<{ manager: string; path: FieldPath }> = [];
  for (const [other, owned] of owners) {
    if (other === manager) {
      continue;
    }
    for (const path of newPaths) {
      if (
        owned.paths.some(q => related(path, q)) &&
        !sameValue(getAt(previous, path), getAt(config, path))
      ) {
        conflicts.push({ manager: other, path });
      }
    }
  }
  if (conflicts.length > 0 && !force) {
    const gv = groupVersionOf(served);
    const list = conflicts.map(
      c => `conflict with "${c.manager}" using ${gv}: ${displayPath(c.path)}`,
    );
    return {
      conflict: statusError(
        409,
        'Conflict',
        `Apply failed with ${conflicts.length} conflict${
          conflicts.length > 1 ? 's' : ''
        }: ${list.join('\n')}`,
        {
          name: config.metadata?.name,
          group: served.group,
          kind: served.plural,
          causes: conflicts.map(c => ({
            reason: 'FieldManagerConflict',
            message: `conflict with "${c.manager}" using ${gv}`,
            field: displayPath(c.path),
          })),
        },
      ),
    };
  }

  const result: Record<string, any> = jsonClone(previous);
  const newKeys = new Set(newPaths.map(pathKey));
  const ownedByOthers = (path: FieldPath) =>
    [...owners].some(
      ([m, o]) => m !== manager && o.paths.some(q => related(path, q)),
    );
  for (const old of owners.get(manager)?.paths ?? []) {
    if (!newKeys.has(pathKey(old)) && !ownedByOthers(old)) {
      deleteAt(result, old);
    }
  }
  for (const path of newPaths) {
    setAt(result, path, getAt(config, path));
  }
  result.apiVersion = config.apiVersion;
  result.kind = config.kind;
  result.metadata = { ...(result.metadata ?? {}), name: config.metadata.name };
  if (served.namespaced) {
    result.metadata.namespace = config.metadata.namespace;
  }

  if (force) {
    for (const { manager: other, path } of conflicts) {
      const owned = owners.get(other)!;
      const paths = owned.paths.filter(q => !related(path, q));
      if (paths.length > 0) {
        owners.set(other, { ...owned, paths });
      } else {
        owners.delete(other);
      }
    }
  }
  const mine = owners.get(manager);
  const sameOwnership =
    mine !== undefined &&
    sameValue(new Set(mine.paths.map(pathKey)), newKeys) &&
    owners.size === existing?.owners.size;
  const changed =
    !existing ||
    !sameValue(withoutServerFields(previous), withoutServerFields(result)) ||
    !sameOwnership ||
    (force && conflicts.length > 0);
  owners.set(manager, {
    paths: newPaths,
    time: changed ? new Date().toISOString() : mine!.time,
  });
  return { next: { served, object: result, owners }, changed };
}

/** Fills in what the server maintains for a stored object: identity, versions, managedFields. */
export function finishStored(
  stored: StoredObject,
  previous: StoredObject | undefined,
  resourceVersion: string | undefined,
) {
  const metadata = stored.object.metadata;
  metadata.uid = previous?.object.metadata.uid ?? randomUUID();
  metadata.creationTimestamp =
    previous?.object.metadata.creationTimestamp ??
    new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  const specChanged =
    previous &&
    !sameValue(
      withoutMetadataAndStatus(previous.object),
      withoutMetadataAndStatus(stored.object),
    );
  metadata.generation = !previous
    ? 1
    : previous.object.metadata.generation + (specChanged ? 1 : 0);
  if (resourceVersion) {
    metadata.resourceVersion = resourceVersion;
  } else {
    delete metadata.resourceVersion;
  }
  metadata.managedFields = [...stored.owners].map(([manager, owned]) => ({
    manager,
    operation: 'Apply',
    apiVersion: groupVersionOf(stored.served),
    time: owned.time,
    fieldsType: 'FieldsV1',
    fieldsV1: toFieldsV1(owned.paths),
  }));
}

/** Secrets accept `stringData` as a write-only convenience; the server stores it base64 in `data`. */
function normalizeConfig(
  served: ServedKind,
  config: Record<string, any>,
): Record<string, any> {
  if (served.group !== '' || served.kind !== 'Secret' || !config.stringData) {
    return config;
  }
  const { stringData, ...rest } = config;
  const data = { ...(rest.data ?? {}) };
  for (const [key, value] of Object.entries(stringData)) {
    data[key] = Buffer.from(String(value), 'utf8').toString('base64');
  }
  return { ...rest, data };
}

function withoutServerFields(object: Record<string, any>) {
  const {
    managedFields: _m,
    resourceVersion: _r,
    generation: _g,
    uid: _u,
    creationTimestamp: _c,
    ...metadata
  } = object.metadata ?? {};
  return { ...object, metadata };
}

function withoutMetadataAndStatus(object: Record<string, any>) {
  const { metadata: _m, status: _s, ...rest } = object;
  return rest;
}
