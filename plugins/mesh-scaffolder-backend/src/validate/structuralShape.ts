/**
 * Minimal shape of kinds that no installed kubernetes-models package types (Kiali, Jaeger,
 * MetalLB, Sail, Gateway API, kustomize): the keys allowed at the top of `spec` and which of them
 * are required. Only the top level is checked at runtime; the conformance suite checks these
 * objects in full against the upstream CRDs.
 */
export interface StructuralShape {
  specKeys: string[];
  requiredSpecKeys?: string[];
  /** Spec fields that must be non-empty lists of strings. */
  stringLists?: string[];
}
