import type { BundleProblem, MeshBundle } from '../../bundle/meshBundle';
import { fieldPath } from '../fieldPath';
import {
  ControlPlane,
  controlPlanes,
  gatewayInstallations,
} from '../istioInstallations';
import { objectSubject } from '../problemSubject';
import { stringAt, valueAt } from '../valuesAt';

function describe(revision: string): string {
  return revision ? `revision "${revision}"` : 'the default revision';
}

/** The revision istiod runs in one cluster tree, as the gateways and namespaces must name it. */
interface ClusterRevision {
  cluster: string;
  revision: string;
  /** `file field` of istiod's revision setting, for messages. */
  source: string;
  tags: string[];
  /** Whether namespaces labelled for the default revision reach this istiod. */
  servesDefault: boolean;
}

function clusterRevision(
  bundle: MeshBundle,
  plane: ControlPlane,
): ClusterRevision {
  const { cluster, revision } = plane;
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
  return {
    cluster,
    revision,
    source: `${plane.file} ${plane.revisionPath}`,
    tags,
    servesDefault:
      revision === '' ||
      tags.includes('default') ||
      defaultRevision === revision,
  };
}

function runs({ revision, source, tags }: ClusterRevision): string {
  return `istiod (${source}) runs ${describe(revision)}${
    tags.length ? ` with tags ${tags.join(', ')}` : ''
  }`;
}

function namespaceProblems(
  bundle: MeshBundle,
  rev: ClusterRevision,
): BundleProblem[] {
  const problems: BundleProblem[] = [];
  for (const { cluster, file, object } of bundle.objects) {
    if (
      cluster !== rev.cluster ||
      object.kind !== 'Namespace' ||
      object.apiVersion !== 'v1'
    )
      continue;
    const subject = objectSubject(object);
    const labels = object.metadata.labels ?? {};
    const label = labels['istio.io/rev'];
    if (
      label !== undefined &&
      label !== rev.revision &&
      !rev.tags.includes(label) &&
      !(label === 'default' && rev.servesDefault)
    ) {
      problems.push({
        file,
        subject,
        path: fieldPath(['metadata', 'labels', 'istio.io/rev']),
        message: `is "${label}" but ${runs(rev)}`,
      });
    }
    if (labels['istio-injection'] === 'enabled' && !rev.servesDefault) {
      problems.push({
        file,
        subject,
        path: fieldPath(['metadata', 'labels', 'istio-injection']),
        message: `"enabled" selects the default revision, but istiod (${rev.source}) runs revision "${rev.revision}" and no "default" tag; label the namespace istio.io/rev=${rev.revision}`,
      });
    }
  }
  return problems;
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
    const rev = clusterRevision(bundle, planes[0]);
    for (const other of planes.slice(1)) {
      if (other.revision !== rev.revision) {
        problems.push({
          file: other.file,
          subject: other.subject,
          path: other.revisionPath,
          message: `is ${describe(other.revision)} but ${
            rev.source
          } is ${describe(rev.revision)}`,
        });
      }
    }
    for (const gateway of gatewayInstallations(bundle)) {
      if (gateway.cluster !== cluster) continue;
      if (
        gateway.revision !== rev.revision &&
        !rev.tags.includes(gateway.revision)
      ) {
        problems.push({
          file: gateway.file,
          subject: gateway.subject,
          path: gateway.revisionPath,
          message: `is ${describe(gateway.revision)} but ${runs(rev)}`,
        });
      }
    }
    problems.push(...namespaceProblems(bundle, rev));
  }
  return problems;
}
