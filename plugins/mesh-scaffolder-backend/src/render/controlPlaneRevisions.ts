import type {
  IstioMinorFacts,
  MeshClusterSpec,
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
 * The control planes of a cluster: one outside an upgrade, two while one is in progress. Which
 * revision the stable tags name follows the stage: the running one until `promote`, the new one
 * from then on; the canary tag always names the new one, so moved namespaces stay put at promote.
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
  const promoted = upgrade.stage === 'promote';
  const canary: ControlPlaneRevision = {
    version: upgrade.toVersion,
    tag: `${upgrade.toVersion}${tag.slice(istio.version.length)}`,
    revision: upgrade.toRevision,
    revisionTags: promoted
      ? [...istio.revisionTags, upgrade.canaryTag]
      : [upgrade.canaryTag],
    ...revisionNames(upgrade.toRevision),
    fileSuffix: `-${upgrade.toRevision}`,
    facts: upgradeFacts,
  };
  return [
    { ...running, revisionTags: promoted ? [] : running.revisionTags },
    canary,
  ];
}
