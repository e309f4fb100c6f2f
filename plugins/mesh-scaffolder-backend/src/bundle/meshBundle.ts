/**
 * A rendered mesh bundle: everything `mesh:bundle:render` produces, in memory, before anything is
 * written. Render builds it, validate checks it, the GitOps and apply steps consume it.
 */

/** The components a file or object can belong to; they group the bundle index and the PR body. */
export const BUNDLE_COMPONENTS = [
  'namespaces',
  'istio',
  'multi-cluster',
  'gateway-api',
  'gateways',
  'observability',
  'policy',
  'gitops',
  'docs',
] as const;

/** The component a file or object belongs to. */
export type BundleComponent = (typeof BUNDLE_COMPONENTS)[number];

/** A Kubernetes object as plain data. */
export interface KubernetesObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    [key: string]: unknown;
  };
  [key: string]: unknown;
}

/** One Kubernetes object and where it lives in the bundle. */
export interface BundleObject {
  /** Name of the cluster whose tree holds the object. */
  cluster: string;
  /** Path of the file, relative to the bundle root, POSIX separators. */
  file: string;
  component: BundleComponent;
  object: KubernetesObject;
}

/**
 * Helm values for one chart. Values are not Kubernetes objects: they are validated against what
 * the chart accepts, and a GitOps object (HelmRelease / Application) refers to them.
 */
export interface BundleHelmValues {
  cluster: string;
  file: string;
  component: BundleComponent;
  /** Chart name as published by its project: `base`, `istiod`, `gateway`, `kiali-server`, ... */
  chart: string;
  /** Chart version the values were rendered for (for Istio charts, the Istio version). */
  chartVersion: string;
  /** Release name, e.g. `istio-ingressgateway`. */
  release: string;
  namespace: string;
  values: Record<string, unknown>;
}

/** A file as it is written: path relative to the bundle root and exact bytes (UTF-8 text). */
export interface BundleFile {
  path: string;
  content: string;
}

/**
 * One object row of the machine-readable index (`bundle-index.json`). The index's Helm release
 * rows are not kept in memory: they are `helmValues` plus each chart's repository (see
 * `bundleIndex.ts`).
 */
export interface BundleIndexEntry {
  cluster: string;
  component: BundleComponent;
  file: string;
  apiVersion: string;
  kind: string;
  name: string;
  namespace?: string;
}

export interface MeshBundle {
  /** The clusters the bundle has a tree for, in render order. */
  clusters: string[];
  objects: BundleObject[];
  helmValues: BundleHelmValues[];
  /** Every file of the bundle, sorted by path: the serialized objects and values, kustomizations, READMEs, the index. */
  files: BundleFile[];
  index: BundleIndexEntry[];
}

/** A problem found in a bundle; `path` is the field path inside the object or values, if any. */
export interface BundleProblem {
  file: string;
  /** `kind/namespace/name` of the object, or `values:<chart>` for Helm values. */
  subject: string;
  path: string;
  message: string;
}
