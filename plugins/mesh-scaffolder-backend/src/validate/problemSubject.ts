import type { BundleHelmValues, KubernetesObject } from '../bundle/meshBundle';

/** How a problem names the values file it is about: `values:<chart>`. */
export function valuesSubject(values: BundleHelmValues): string {
  return `values:${values.chart}`;
}

/** How a problem names the object it is about: `Kind/namespace/name`, or `Kind/name`. */
export function objectSubject(object: {
  kind: string;
  metadata: Pick<KubernetesObject['metadata'], 'name' | 'namespace'>;
}): string {
  const { kind, metadata } = object;
  return metadata.namespace
    ? `${kind}/${metadata.namespace}/${metadata.name}`
    : `${kind}/${metadata.name}`;
}
