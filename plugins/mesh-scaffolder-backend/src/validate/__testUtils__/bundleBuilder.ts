import { defaultTargetPath } from '@mesh-templates/plugin-mesh-common';
import type {
  BundleComponent,
  BundleHelmValues,
  KubernetesObject,
  MeshBundle,
} from '../../bundle/meshBundle';

/** Builds small MeshBundles by hand for rule tests, keeping index and kustomization consistent. */
export class BundleBuilder {
  private readonly bundle: MeshBundle = {
    clusters: [],
    objects: [],
    helmValues: [],
    files: [],
    index: [],
  };

  cluster(name: string): this {
    this.bundle.clusters.push(name);
    return this;
  }

  object(
    cluster: string,
    file: string,
    object: KubernetesObject,
    component: BundleComponent = 'istio',
  ): this {
    this.bundle.objects.push({ cluster, file, component, object });
    this.bundle.index.push({
      cluster,
      component,
      file,
      apiVersion: object.apiVersion,
      kind: object.kind,
      name: object.metadata.name,
      ...(object.metadata.namespace
        ? { namespace: object.metadata.namespace }
        : {}),
    });
    return this;
  }

  values(
    cluster: string,
    chart: string,
    values: Record<string, unknown>,
    extra: Partial<BundleHelmValues> = {},
  ): this {
    this.bundle.helmValues.push({
      cluster,
      file: `${defaultTargetPath(cluster)}/istio/values/${chart}.yaml`,
      component: 'istio',
      chart,
      chartVersion: '1.30.3',
      release: chart,
      namespace: 'istio-system',
      values,
      ...extra,
    });
    return this;
  }

  file(path: string, content: string): this {
    this.bundle.files.push({ path, content });
    return this;
  }

  build(): MeshBundle {
    return this.bundle;
  }
}

export function namespace(
  name: string,
  labels?: Record<string, string>,
): KubernetesObject {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name, ...(labels ? { labels } : {}) },
  };
}
