import { SAIL_OPERATOR_FACTS } from '@mesh-templates/plugin-mesh-common';
import type { BundleObject, MeshBundle } from '../bundle/meshBundle';
import type { ControlPlane } from './istioInstallations';
import { objectSubject } from './problemSubject';
import { isRecord, stringAt, valueAt } from './valuesAt';

function isSailKind(entry: BundleObject, kind: string): boolean {
  return (
    entry.object.kind === kind &&
    entry.object.apiVersion === SAIL_OPERATOR_FACTS.apiVersion
  );
}

/**
 * The revision proxies name to reach a Sail `Istio`: Sail names a RevisionBased control plane
 * `<name>-v<x-y-z>` and an InPlace one after the resource, `default` being the default revision.
 */
function sailRevision(name: string, spec: unknown): string {
  if (stringAt(spec, ['updateStrategy', 'type']) === 'RevisionBased') {
    const version = stringAt(spec, ['version']).replace(/\./g, '-');
    return `${name}-${version}`;
  }
  return name === 'default' ? '' : name;
}

/** The tags of the cluster's IstioRevisionTags that point at the named Istio. */
function sailTags(bundle: MeshBundle, cluster: string, istio: string) {
  return bundle.objects
    .filter(
      e =>
        e.cluster === cluster &&
        isSailKind(e, 'IstioRevisionTag') &&
        stringAt(e.object.spec, ['targetRef', 'kind']) === 'Istio' &&
        stringAt(e.object.spec, ['targetRef', 'name']) === istio,
    )
    .map(e => e.object.metadata.name);
}

/** The control planes Sail `Istio` resources install, with the values they pass to istiod. */
export function sailControlPlanes(bundle: MeshBundle): ControlPlane[] {
  return bundle.objects
    .filter(entry => isSailKind(entry, 'Istio'))
    .map(entry => {
      const { spec, metadata } = entry.object;
      const values = valueAt(spec, ['values']);
      return {
        cluster: entry.cluster,
        file: entry.file,
        subject: objectSubject(entry.object),
        prefix: 'spec.values',
        values: isRecord(values) ? values : {},
        revision: sailRevision(metadata.name, spec),
        revisionPath: 'metadata.name',
        tags: sailTags(bundle, entry.cluster, metadata.name),
        meshConfig: valueAt(spec, ['values', 'meshConfig']),
        meshConfigPath: 'spec.values.meshConfig',
      };
    });
}
