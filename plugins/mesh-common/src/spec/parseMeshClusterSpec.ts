import { MeshClusterSpec, meshClusterSpecSchema } from './meshClusterSpec';
import { MeshSpecError, MeshSpecIssue, toMeshSpecIssues } from './specErrors';

/** Result of {@link safeParseMeshClusterSpec}. */
export type MeshClusterSpecParseResult =
  | { success: true; spec: MeshClusterSpec }
  | { success: false; issues: MeshSpecIssue[] };

/** Validates and completes a spec without throwing. */
export function safeParseMeshClusterSpec(
  input: unknown,
): MeshClusterSpecParseResult {
  const result = meshClusterSpecSchema.safeParse(input);
  if (result.success) {
    return { success: true, spec: result.data };
  }
  return {
    success: false,
    issues: toMeshSpecIssues(result.error, meshClusterSpecSchema),
  };
}

/**
 * Validates and completes a spec.
 *
 * @throws MeshSpecError listing every issue, one `<path>: <message>` line each
 */
export function parseMeshClusterSpec(input: unknown): MeshClusterSpec {
  const result = safeParseMeshClusterSpec(input);
  if (!result.success) {
    throw new MeshSpecError(result.issues);
  }
  return result.spec;
}
