/**
 * The render engine: a validated MeshClusterSpec in, a MeshBundle out (pure, in memory). Writing
 * and reading bundles on disk is `bundle/`'s.
 */
export { renderMeshBundle } from './renderMeshBundle';
export { meshMembers, targetPathFor } from './meshMembers';
export type { MeshMember } from './meshMembers';
export { serializeYamlDocument, serializeYamlDocuments } from './serializeYaml';
