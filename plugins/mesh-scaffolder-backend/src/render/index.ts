/**
 * The render engine: a validated MeshClusterSpec in, a MeshBundle out (pure, in memory), and a
 * writer that puts a bundle on disk inside a folder.
 */
export { renderMeshBundle, BUNDLE_INDEX_FILE } from './renderMeshBundle';
export { writeBundle } from './writeBundle';
export { meshMembers, targetPathFor } from './meshMembers';
export type { MeshMember } from './meshMembers';
export { serializeYamlDocument, serializeYamlDocuments } from './serializeYaml';
export { istioVersionFacts } from './istioVersionFacts';
export type { IstioVersionFacts } from './istioVersionFacts';
