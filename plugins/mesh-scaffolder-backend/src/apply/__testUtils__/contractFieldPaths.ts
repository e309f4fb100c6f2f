import { isDeepStrictEqual } from 'node:util';

/**
 * Objects here are JSON; a JSON round trip keeps clones in this realm, where structuredClone under
 * Jest would create objects whose prototypes fail strict deep equality.
 */
export const jsonClone = <T>(value: T): T =>
  value === undefined ? value : JSON.parse(JSON.stringify(value));

/** A field path as segments; lists are atomic, so a path never points into an array. */
export type FieldPath = string[];

/** Fields a manager never owns: identity and what the server itself maintains. */
const UNOWNED = new Set([
  'apiVersion',
  'kind',
  'status',
  'metadata.name',
  'metadata.namespace',
  'metadata.uid',
  'metadata.resourceVersion',
  'metadata.generation',
  'metadata.creationTimestamp',
  'metadata.managedFields',
]);

const isMap = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Every leaf field set by an applied configuration (the fields its manager will own). */
export function leafPaths(
  config: Record<string, unknown>,
  prefix: FieldPath = [],
): FieldPath[] {
  return Object.entries(config).flatMap(([key, value]) => {
    const path = [...prefix, key];
    if (UNOWNED.has(path.join('.'))) {
      return [];
    }
    return isMap(value) && Object.keys(value).length > 0
      ? leafPaths(value, path)
      : [path];
  });
}

export function getAt(object: unknown, path: FieldPath): unknown {
  return path.reduce<unknown>(
    (node, key) => (isMap(node) ? node[key] : undefined),
    object,
  );
}

export function setAt(
  object: Record<string, unknown>,
  path: FieldPath,
  value: unknown,
): void {
  let node = object;
  for (const key of path.slice(0, -1)) {
    if (!isMap(node[key])) {
      node[key] = {};
    }
    node = node[key] as Record<string, unknown>;
  }
  node[path[path.length - 1]] = jsonClone(value);
}

/** Removes a field and any maps it leaves empty. */
export function deleteAt(
  object: Record<string, unknown>,
  path: FieldPath,
): void {
  const parents: Array<Record<string, unknown>> = [];
  let node: unknown = object;
  for (const key of path.slice(0, -1)) {
    if (!isMap(node)) {
      return;
    }
    parents.push(node);
    node = node[key];
  }
  if (!isMap(node)) {
    return;
  }
  delete node[path[path.length - 1]];
  for (
    let i = parents.length - 1;
    i >= 0 && Object.keys(node as object).length === 0;
    i--
  ) {
    delete parents[i][path[i]];
    node = parents[i];
  }
}

export const pathKey = (path: FieldPath) => JSON.stringify(path);
export const displayPath = (path: FieldPath) => `.${path.join('.')}`;
export const sameValue = (a: unknown, b: unknown) => isDeepStrictEqual(a, b);

/** The `fieldsV1` shape of managedFields (`{"f:spec": {"f:replicas": {}}}`) for a set of paths. */
export function toFieldsV1(paths: FieldPath[]): Record<string, unknown> {
  const root: Record<string, any> = {};
  for (const path of paths) {
    let node = root;
    for (const key of path) {
      node[`f:${key}`] ??= {};
      node = node[`f:${key}`];
    }
  }
  return root;
}
