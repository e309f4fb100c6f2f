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
  const tags =
    plane.tags ??
    (Array.isArray(tagsValue)
      ? tagsValue.filter((t): t is string => typeof t === 'string')
      : []);
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

function runs(revs: ClusterRevision[]): string {
  return revs
    .map(
      ({ revision, source, tags }) =>
        `istiod (${source}) runs ${describe(revision)}${
          tags.length ? ` with tags ${tags.join(', ')}` : ''
        }`,
    )
    .join(' and ');
}

/** Whether a `istio.io/rev` value (a revision or a tag) reaches one of the control planes. */
function served(label: string, revs: ClusterRevision[]): boolean {
  return revs.some(
    rev =>
      label === rev.revision ||
      rev.tags.includes(label) ||
      (label === 'default' && rev.servesDefault),
  );
}

function namespaceProblems(
  bundle: MeshBundle,
  cluster: string,
  revs: ClusterRevision[],
): BundleProblem[] {
  const problems: BundleProblem[] = [];
  for (const { cluster: owner, file, object } of bundle.objects) {
    if (
      owner !== cluster ||
      object.kind !== 'Namespace' ||
      object.apiVersion !== 'v1'
    )
      continue;
    const subject = objectSubject(object);
    const labels = object.metadata.labels ?? {};
    const label = labels['istio.io/rev'];
    if (label !== undefined && !served(label, revs)) {
      problems.push({
        file,
        subject,
        path: fieldPath(['metadata', 'labels', 'istio.io/rev']),
        message: `is "${label}" but ${runs(revs)}`,
      });
    }
    if (
      labels['istio-injection'] === 'enabled' &&
      !revs.some(rev => rev.servesDefault)
    ) {
      problems.push({
        file,
        subject,
        path: fieldPath(['metadata', 'labels', 'istio-injection']),
        message: `"enabled" selects the default revision, but ${runs(
          revs,
        )} and no "default" tag; label the namespace istio.io/rev=${
          revs[0].revision
        }`,
      });
    }
  }
  return problems;
}

/**
 * Two istiods of one cluster must differ in revision (a canary upgrade runs exactly that way),
 * and a tag may name only one of them: the tag's injection webhook can point at one revision.
 */
function controlPlaneProblems(
  planes: ControlPlane[],
  revs: ClusterRevision[],
): BundleProblem[] {
  const problems: BundleProblem[] = [];
  revs.forEach((rev, index) => {
    const earlier = revs.slice(0, index);
    const same = earlier.find(other => other.revision === rev.revision);
    const plane = planes[index];
    if (same) {
      problems.push({
        file: plane.file,
        subject: plane.subject,
        path: plane.revisionPath,
        message: `is ${describe(rev.revision)} but ${same.source} is ${describe(
          same.revision,
        )} too; a second istiod needs its own revision`,
      });
    }
    for (const tag of rev.tags) {
      const owner = earlier.find(other => other.tags.includes(tag));
      if (owner) {
        problems.push({
          file: plane.file,
          subject: plane.subject,
          path: 'revisionTags',
          message: `tag "${tag}" is also a tag of ${describe(
            owner.revision,
          )} (${owner.source}); a tag points at one revision`,
        });
      }
    }
  });
  return problems;
}

/**
 * Gateways and injected namespaces must name a revision istiod runs (or one of its revision
 * tags); otherwise they are served by no control plane at all. During a canary upgrade two
 * istiods run, and either one serves.
 */
export function revisionConsistency(bundle: MeshBundle): BundleProblem[] {
  const problems: BundleProblem[] = [];
  for (const cluster of bundle.clusters) {
    const planes = controlPlanes(bundle).filter(p => p.cluster === cluster);
    if (planes.length === 0) continue;
    const revs = planes.map(plane => clusterRevision(bundle, plane));
    problems.push(...controlPlaneProblems(planes, revs));
    for (const gateway of gatewayInstallations(bundle)) {
      if (gateway.cluster !== cluster) continue;
      if (!served(gateway.revision, revs)) {
        problems.push({
          file: gateway.file,
          subject: gateway.subject,
          path: gateway.revisionPath,
          message: `is ${describe(gateway.revision)} but ${runs(revs)}`,
        });
      }
    }
    problems.push(...namespaceProblems(bundle, cluster, revs));
  }
  return problems;
}
