import {
  SAIL_OPERATOR_FACTS,
  sailInstallsIstio,
  sailRevisionName,
  type MeshClusterSpec,
} from '@mesh-templates/plugin-mesh-common';

/** Where the Sail Operator's update strategies are described, for refusals to point at. */
const SAIL_UPDATE_STRATEGY_DOC = 'Sail Operator docs, update-strategy.adoc';

/**
 * Why a `sail` install cannot be upgraded to `to` in stages: the operator release does not
 * install the target, the Istio resource updates in place (no revision), or the mesh is ambient,
 * which Sail updates only in place.
 */
export function sailRefusals(spec: MeshClusterSpec, to: string): string[] {
  const { istio } = spec;
  const sail = SAIL_OPERATOR_FACTS;
  const refusals: string[] = [];
  if (!sailInstallsIstio(to)) {
    refusals.push(
      `installMethod sail: Sail Operator ${sail.operatorVersion} installs Istio ${sail.oldestIstioVersion}–${sail.newestIstioVersion}, not ${to}; upgrade the Sail Operator to a release that installs ${to} first`,
    );
  }
  if (istio.revision === '') {
    refusals.push(
      'installMethod sail without istio.revision: the Istio resource uses updateStrategy InPlace, which replaces the control plane with no canary; give it a revision (RevisionBased) first',
    );
  }
  if (istio.dataplane === 'ambient') {
    refusals.push(
      `installMethod sail with dataplane ambient: the Sail Operator supports only the InPlace update strategy for ambient, as ztunnel is a cluster-wide singleton (${SAIL_UPDATE_STRATEGY_DOC}), so it cannot be upgraded in stages`,
    );
  }
  return refusals;
}

/** The IstioRevision Sail creates for the target: `<Istio name>-v<x-y-z>`. */
export function sailTargetRevision(spec: MeshClusterSpec, to: string): string {
  return sailRevisionName(spec.istio.revision, to);
}

/** What the canary pull request of a Sail install changes. */
export function sailCanaryNote(spec: MeshClusterSpec, to: string): string {
  const { istio } = spec;
  const running = sailRevisionName(istio.revision, istio.version);
  return `Istio ${
    istio.revision
  } moves to version v${to}: Sail creates IstioRevision ${sailTargetRevision(
    spec,
    to,
  )} beside ${running}; tags ${istio.revisionTags.join(
    ', ',
  )} are pinned to IstioRevision ${running}, tag canary follows Istio ${
    istio.revision
  } (its new active revision); no namespace moves`;
}

/** What the promote pull request of a Sail install changes. */
export function sailPromoteNote(spec: MeshClusterSpec, to: string): string {
  return `tags ${spec.istio.revisionTags.join(', ')} follow Istio ${
    spec.istio.revision
  } again, i.e. its active revision ${sailTargetRevision(spec, to)}`;
}

/** What the cleanup pull request of a Sail install changes, and what Sail then does by itself. */
export function sailCleanupNotes(spec: MeshClusterSpec, to: string): string[] {
  const { istio } = spec;
  const old = sailRevisionName(istio.revision, istio.version);
  return [
    `the canary tag is removed and the spec records version ${to}; Sail deletes IstioRevision ${old} and its istiod itself once no proxy or tag uses it, after spec.updateStrategy.inactiveRevisionDeletionGracePeriodSeconds`,
    `proxies still connected to ${old} keep it alive: restart them onto ${sailTargetRevision(
      spec,
      to,
    )} before merging`,
  ];
}
