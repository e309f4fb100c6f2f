import type { MeshClusterSpec } from './meshClusterSpec';
import { safeParseMeshClusterSpec } from './parseMeshClusterSpec';
import { MeshSpecError } from './specErrors';

/** File name of the spec document in each cluster folder, beside the files rendered from it. */
export const MESH_CLUSTER_DOCUMENT_FILE = 'mesh-cluster.yaml';

/** `kind` of the spec document. */
export const MESH_CLUSTER_KIND = 'MeshCluster';

/** The document version this product writes today. */
export const MESH_CLUSTER_API_VERSION = 'mesh.backstage.io/v1alpha1';

/** The spec document as written: the spec with every default filled in, under a version. */
export interface MeshClusterDocument {
  apiVersion: typeof MESH_CLUSTER_API_VERSION;
  kind: typeof MESH_CLUSTER_KIND;
  spec: MeshClusterSpec;
}

/**
 * Each version this product has ever written, with how its `spec` becomes today's spec input.
 * A document is only ever migrated forward; a version leaves this table only if no repository
 * can still hold it, so a spec committed years ago still reads.
 */
export const MESH_CLUSTER_DOCUMENT_MIGRATIONS: Readonly<
  Record<string, (spec: Record<string, unknown>) => Record<string, unknown>>
> = {
  [MESH_CLUSTER_API_VERSION]: spec => spec,
};

/**
 * The spec document of a parsed, complete spec. Defaults are written out rather than left to the
 * reader, so that a later change of a default never silently changes a running mesh.
 */
export function toMeshClusterDocument(
  spec: MeshClusterSpec,
): MeshClusterDocument {
  return {
    apiVersion: MESH_CLUSTER_API_VERSION,
    kind: MESH_CLUSTER_KIND,
    spec,
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function documentError(path: string, message: string): MeshSpecError {
  return new MeshSpecError([{ path, message }]);
}

/**
 * Reads a spec document (already parsed from YAML) of any version this product has written,
 * migrates it to today's spec and validates it.
 *
 * @throws MeshSpecError naming `apiVersion`, `kind` or the spec field (as `spec.<path>`) at fault;
 *   an unknown version is refused with the versions this reader knows
 */
export function readMeshClusterDocument(document: unknown): MeshClusterSpec {
  if (!isRecord(document)) {
    throw documentError(
      '(document)',
      `must be a ${MESH_CLUSTER_KIND} document (apiVersion, kind, spec)`,
    );
  }
  const { apiVersion, kind, spec, ...rest } = document;
  const known = Object.keys(MESH_CLUSTER_DOCUMENT_MIGRATIONS);
  const migrate =
    typeof apiVersion === 'string' &&
    Object.prototype.hasOwnProperty.call(
      MESH_CLUSTER_DOCUMENT_MIGRATIONS,
      apiVersion,
    )
      ? MESH_CLUSTER_DOCUMENT_MIGRATIONS[apiVersion]
      : undefined;
  if (!migrate) {
    const given =
      typeof apiVersion === 'string'
        ? JSON.stringify(apiVersion.slice(0, 100))
        : 'missing';
    throw documentError(
      'apiVersion',
      `${given} is not a ${MESH_CLUSTER_KIND} version this product reads (known: ${known.join(
        ', ',
      )}); a newer version needs a newer mesh-templates`,
    );
  }
  if (kind !== MESH_CLUSTER_KIND) {
    throw documentError('kind', `must be ${MESH_CLUSTER_KIND}`);
  }
  const extra = Object.keys(rest);
  if (extra.length > 0) {
    throw documentError(
      extra[0].slice(0, 64),
      'is not a known field; allowed here: apiVersion, kind, spec',
    );
  }
  if (!isRecord(spec)) {
    throw documentError('spec', 'must be an object (a map of fields)');
  }
  const result = safeParseMeshClusterSpec(migrate(spec));
  if (!result.success) {
    throw new MeshSpecError(
      result.issues.map(issue => ({
        ...issue,
        path: issue.path === '(spec)' ? 'spec' : `spec.${issue.path}`,
      })),
    );
  }
  return result.spec;
}
