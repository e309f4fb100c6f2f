import type { BundleComponent } from '../bundle/meshBundle';
import type { ClusterRenderContext } from './clusterRenderContext';

/** kind/name/namespace of an object a template is declared to produce. */
export interface DeclaredObject {
  kind: string;
  name: string;
  namespace?: string;
}

/** A template that renders Kubernetes objects into one file of the cluster tree. */
export interface ObjectsOutput {
  type: 'objects';
  /** Template path under src/templates. */
  template: string;
  /** File path relative to the cluster tree. */
  file: string;
  /** Extra template variables for templates used more than once (e.g. per gateway). */
  data?: Record<string, unknown>;
  component: BundleComponent;
  /** Exactly the objects the template must produce; anything else is an error. */
  expects: DeclaredObject[];
  /**
   * How the file reaches the cluster: `kustomize` files are resources of the tree's
   * kustomization; `istioctl` files are input to `istioctl install -f` and are not applied.
   */
  appliedBy: 'kustomize' | 'istioctl';
}

/** A template that renders the values of one Helm release. */
export interface HelmValuesOutput {
  type: 'helmValues';
  template: string;
  file: string;
  data?: Record<string, unknown>;
  component: BundleComponent;
  chart: string;
  chartVersion: string;
  release: string;
  namespace: string;
}

export type PackOutput = ObjectsOutput | HelmValuesOutput;

/**
 * A template pack: for one cluster's context, the templates to render and what each must yield.
 * The declaration lives in code next to the context so that the object set is known before any
 * parameter is rendered.
 */
export interface TemplatePack {
  name: string;
  outputs(context: ClusterRenderContext): PackOutput[];
}
