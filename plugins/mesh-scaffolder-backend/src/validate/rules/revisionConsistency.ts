import type { BundleProblem, MeshBundle } from '../../bundle/meshBundle';
import { fieldPath } from '../fieldPath';
import { controlPlanes, gatewayInstallations } from '../istioInstallations';
import { objectSubject } from '../problemSubject';
import { stringAt, valueAt } from '../valuesAt';

function describe(revision: string): string {
  return revision ? `revision "${revision}"` : 'the default revision';
}

/**
 * Gateways and injected namespaces must name the revision istiod runs (or one of its revision
 * tags); otherwise, during a canary upgrade, they are served by no control plane at all.
 */
export function revisionConsistency(bundle: MeshBundle): BundleProblem[] {
  const problems: BundleProblem[] = [];
  for (const cluster of bundle.clusters) {
    const planes = controlPlanes(bundle).filter(p => p.cluster === cluster);
    if (planes.length === 0) continue;
    const [plane] = planes;
    const revision = plane.revision;
    const source = `${plane.file} ${plane.revisionPath}`;
    const tagsValue = valueAt(plane.values, ['revisionTags']);
    const tags = Array.isArray(tagsValue)
      ? tagsValue.filter((t): t is string => typeof t === 'string')
      : [];
    const baseValues = bundle.helmValues.find(
      v => v.cluster === cluster && v.chart === 'base',
    );
    const defaultRevision = baseValues
      ? stringAt(baseValues.values, ['defaultRevision'])
      : '';
    const servesDefault =
      revision === '' ||
      tags.includes('default') ||
      defaultRevision === revision;

    for (const other of planes.slice(1)) {
      if (other.revision !== revision) {
        problems.push({
          file: other.file,
          subject: other.subject,
          path: other.revisionPath,
          message: `is ${describe(other.revision)} but ${source} is ${describe(
            revision,
          )}`,
        });
      }
    }
    for (const gateway of gatewayInstallations(bundle).filter(
      g => g.cluster === cluster,
    )) {
      if (gateway.revision !== revision && !tags.includes(gateway.revision)) {
        problems.push({
          file: gateway.file,
          subject: gateway.subject,
          path: gateway.revisionPath,
          message: `is ${describe(
            gateway.revision,
          )} but istiod (${source}) runs ${describe(revision)}${
            tags.length ? ` with tags ${tags.join(', ')}` : ''
          }`,
        });
      }
    }
    for (const entry of bundle.objects) {
      const { object } = entry;
      if (
        entry.cluster !== cluster ||
        object.kind !== 'Namespace' ||
        object.apiVersion !== 'v1'
      )
        continue;
      const labels = object.metadata.labels ?? {};
      const rev = labels['istio.io/rev'];
      if (
        rev !== undefined &&
        rev !== revision &&
        !tags.includes(rev) &&
        !(rev === 'default' && servesDefault)
      ) {
        problems.push({
          file: entry.file,
          subject: objectSubject(object),
          path: fieldPath(['metadata', 'labels', 'istio.io/rev']),
          message: `is "${rev}" but istiod (${source}) runs ${describe(
            revision,
          )}${tags.length ? ` with tags ${tags.join(', ')}` : ''}`,
        });
      }
      if (labels['istio-injection'] === 'enabled' && !servesDefault) {
        problems.push({
          file: entry.file,
          subject: objectSubject(object),
          path: fieldPath(['metadata', 'labels', 'istio-injection']),
          message: `"enabled" selects the default revision, but istiod (${source}) runs revision "${revision}" and no "default" tag; label the namespace istio.io/rev=${revision}`,
        });
      }
    }
  }
  return problems;
}
