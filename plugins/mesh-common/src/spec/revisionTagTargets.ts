import { sailRevisionName } from '../istio/sailOperatorFacts';
import type { IstioSection } from './istioSection';

/** The parts of the istio section that decide where its revision tags point. */
export type RevisionTagSpec = {
  istio: Pick<
    IstioSection,
    'installMethod' | 'version' | 'revision' | 'revisionTags' | 'upgrade'
  >;
};

/** Revision of a control plane installed without one: istiod labels itself `istio.io/rev: default`. */
const UNREVISIONED = 'default';

/**
 * The name istiod's `istio.io/rev` label carries for the spec's revision at `version`, which is
 * what Prometheus reports as `istio_io_rev`: the revision itself, except that the Sail Operator
 * names each IstioRevision of a RevisionBased `Istio` `<revision>-v<x-y-z>`.
 */
function reportedRevision(
  istio: RevisionTagSpec['istio'],
  version: string,
): string {
  if (istio.revision === '') return UNREVISIONED;
  return istio.installMethod === 'sail'
    ? sailRevisionName(istio.revision, version)
    : istio.revision;
}

/**
 * The names Prometheus reports for an upgrade's two control planes: the running revision and the
 * one it upgrades to. Sail derives the new IstioRevision's name from the version, whatever
 * `toRevision` records.
 */
export function upgradeRevisionNames(
  istio: RevisionTagSpec['istio'] & {
    upgrade: NonNullable<RevisionTagSpec['istio']['upgrade']>;
  },
): { running: string; target: string } {
  const { upgrade } = istio;
  return {
    running: reportedRevision(istio, istio.version),
    target:
      istio.installMethod === 'sail'
        ? reportedRevision(istio, upgrade.toVersion)
        : upgrade.toRevision,
  };
}

/**
 * Which revision tags the committed spec points at which revision, keyed by the revision name
 * Prometheus reports. Outside an upgrade the tags name the running revision; during one the stable
 * tags stay on it until `promote` moves them to the new revision, which the canary tag names
 * throughout (the staged upgrade's rules). Tags live in Kubernetes; this is what Git says they are.
 */
export function revisionTagTargets(
  spec: RevisionTagSpec,
): Record<string, string[]> {
  const { istio } = spec;
  const { upgrade } = istio;
  if (!upgrade) {
    return {
      [reportedRevision(istio, istio.version)]: [...istio.revisionTags],
    };
  }
  const { running, target } = upgradeRevisionNames({ ...istio, upgrade });
  if (upgrade.stage === 'promote') {
    return {
      [running]: [],
      [target]: [...istio.revisionTags, upgrade.canaryTag],
    };
  }
  return {
    [running]: [...istio.revisionTags],
    [target]: [upgrade.canaryTag],
  };
}
