/**
 * Scaffolder module with the mesh:* actions: render, validate, GitOps pull request and apply of
 * Istio mesh bundles; the render and validate engines and the `mesh-bundle` CLI.
 *
 * @packageDocumentation
 */
export { meshScaffolderModule as default } from './module';
export { createMeshBundleRenderAction } from './actions/bundleRender';
export { createMeshBundleValidateAction } from './actions/bundleValidate';
export { createMeshGitopsPullRequestAction } from './actions/gitopsPullRequest';
export { createMeshClusterApplyAction } from './actions/clusterApply';
export { meshClusterApplyPermission } from './apply/permissions';
export {
  DIRECT_APPLY_ANNOTATION,
  MeshPermissionPolicy,
} from './permissionPolicy/meshPermissionPolicy';
export { meshPermissionPolicyModule } from './permissionPolicy/meshPermissionPolicyModule';
export { applyMeshBundle } from './apply/applyMeshBundle';
export { renderMeshBundle } from './render/renderMeshBundle';
export { writeBundle } from './bundle/writeBundle';
export { validateBundle } from './validate/validateBundle';
export { readBundle } from './bundle/readBundle';
export type { ReadBundleOptions } from './bundle/readBundle';
export { BUNDLE_INDEX_FILE } from './bundle/bundleIndex';
export type { BundleHelmRelease, BundleIndex } from './bundle/bundleIndex';
export { summarizeBundle } from './bundle/summarizeBundle';
export { runMeshBundleCli } from './cli/meshBundleCli';
export type { CliOutput } from './cli/meshBundleCli';
export * from './bundle/meshBundle';
