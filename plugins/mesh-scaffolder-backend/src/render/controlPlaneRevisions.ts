import {
  revisionTagTargets,
  upgradeRevisionNames,
  type IstioMinorFacts,
  type MeshClusterSpec,
} from '@mesh-templates/plugin-mesh-common';

/** One istiod the cluster runs: its revision, tags, release and the facts of its version. */
export interface ControlPlaneRevision {
  version: string;
  /** Image tag (`global.tag`): the version, keeping any suffix such as `-distroless`. */
  tag: string;
  revision: string;
  hasRevision: boolean;
  revisionTags: string[];
  istiodRelease: string;
  controlPlaneName: string;
  /** Suffix of its values file: empty for the running revision, `-<revision>` for the canary. */
  fileSuffix: string;
  facts: IstioMinorFacts;
}

function revisionNames(revision: string) {
  const suffix = revision ? `-${revision}` : '';
  return {
    hasRevision: revision !== '',
    istiodRelease: `istiod${suffix}`,
    controlPlaneName: `control-plane${suffix}`,
  };
}

/**
 * The control planes of a cluster: one outside an upgrade, two while one is in progress, each with
 * the revision tags that name it (`revisionTagTargets`: the stable tags stay on the running
 * revision until `promote`, the canary tag names the new one throughout).
 */
export function controlPlaneRevisions(
  spec: MeshClusterSpec,
  facts: IstioMinorFacts,
  upgradeFacts?: IstioMinorFacts,
): ControlPlaneRevision[] {
  const { istio } = spec;
  const tag = istio.tag ?? istio.version;
  const running: ControlPlaneRevision = {
    version: istio.version,
    tag,
    revision: istio.revision,
    revisionTags: istio.revisionTags,
    ...revisionNames(istio.revision),
    fileSuffix: '',
    facts,
  };
  const { upgrade } = istio;
  if (!upgrade || !upgradeFacts) {
    return [running];
  }
  // Keyed by the names istiod reports (Sail suffixes its revisions with the version).
  const tagsOf = revisionTagTargets(spec);
  const reported = upgradeRevisionNames({ ...istio, upgrade });
  const canary: ControlPlaneRevision = {
    version: upgrade.toVersion,
    tag: `${upgrade.toVersion}${tag.slice(istio.version.length)}`,
    revision: upgrade.toRevision,
    revisionTags: tagsOf[reported.target],
    ...revisionNames(upgrade.toRevision),
    fileSuffix: `-${upgrade.toRevision}`,
    facts: upgradeFacts,
  };
  return [{ ...running, revisionTags: tagsOf[reported.running] }, canary];
}
