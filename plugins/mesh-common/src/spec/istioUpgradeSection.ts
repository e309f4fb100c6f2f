import { z } from 'zod';
import {
  SAIL_OPERATOR_FACTS,
  sailInstallsIstio,
} from '../istio/sailOperatorFacts';
import { dnsLabel, oneOf, uniqueList } from './formats';
import { istioVersionSchema } from './istioVersionSchema';

/**
 * The stages of a revision-based canary upgrade that leave a control plane upgrade in progress.
 * `precheck` changes nothing and `cleanup` ends the upgrade, so neither is ever recorded.
 */
export const ISTIO_UPGRADE_IN_PROGRESS_STAGES = [
  'canary',
  'move',
  'promote',
] as const;

/** Stage names of an upgrade in progress. */
export type IstioUpgradeInProgressStage =
  (typeof ISTIO_UPGRADE_IN_PROGRESS_STAGES)[number];

/**
 * A canary upgrade in progress: the new revision runs beside the one `istio.version` and
 * `istio.revision` name. Recorded in the committed spec so that the spec after each stage still
 * describes the whole tree; absent outside an upgrade, which keeps older documents valid.
 */
export const istioUpgradeSchema = z.strictObject({
  /** The release being installed beside the running one. */
  toVersion: istioVersionSchema,
  /** Revision name of the new control plane (e.g. `1-31-0`); must differ from `istio.revision`. */
  toRevision: dnsLabel(),
  /**
   * `canary`: both revisions run, nothing moved; `move`: `movedNamespaces` follow the canary tag;
   * `promote`: the stable tags point at the new revision too.
   */
  stage: oneOf(ISTIO_UPGRADE_IN_PROGRESS_STAGES),
  /** Revision tag that always points at the new revision while the upgrade runs. */
  canaryTag: dnsLabel().default('canary'),
  /** Injection namespaces relabelled to the canary tag (stage `move` onwards). */
  movedNamespaces: uniqueList(dnsLabel(), 100, 'namespaces').default([]),
});

/** An upgrade in progress after defaults. */
export type IstioUpgrade = z.output<typeof istioUpgradeSchema>;

/**
 * Install methods whose second control plane the bundle renders: a Helm release, or the new
 * IstioRevision the Sail Operator creates under its RevisionBased strategy.
 */
const UPGRADABLE_INSTALL_METHODS: readonly string[] = ['helm', 'sail'];

/** The parts of the istio section an upgrade must agree with. */
interface UpgradedIstio {
  version: string;
  installMethod: string;
  dataplane: string;
  revision: string;
  revisionTags: string[];
  injectionNamespaces: string[];
  upgrade?: IstioUpgrade;
}

/** What the Sail Operator must allow for its RevisionBased canary: the target, and sidecars. */
function checkSailUpgrade(
  istio: UpgradedIstio,
  upgrade: IstioUpgrade,
  issue: (path: string[], message: string) => void,
) {
  const sail = SAIL_OPERATOR_FACTS;
  if (!sailInstallsIstio(upgrade.toVersion)) {
    issue(
      ['toVersion'],
      `Istio ${upgrade.toVersion} is not installed by the Sail Operator ${sail.operatorVersion} (it installs ${sail.oldestIstioVersion}–${sail.newestIstioVersion})`,
    );
  }
  if (istio.dataplane === 'ambient') {
    issue(
      [],
      'needs dataplane sidecar with installMethod sail: the Sail Operator updates ambient meshes only in place',
    );
  }
}

/** Rules between the upgrade and the running control plane it upgrades. */
export function checkIstioUpgrade(istio: UpgradedIstio, ctx: z.RefinementCtx) {
  const { upgrade } = istio;
  if (!upgrade) return;
  const issue = (path: (string | number)[], message: string) =>
    ctx.addIssue({ code: 'custom', path: ['upgrade', ...path], message });
  if (!UPGRADABLE_INSTALL_METHODS.includes(istio.installMethod)) {
    issue(
      [],
      `needs installMethod helm or sail: the second revision is rendered as a Helm release or a Sail IstioRevision (got ${istio.installMethod})`,
    );
  }
  if (istio.installMethod === 'sail') checkSailUpgrade(istio, upgrade, issue);
  if (istio.revision === '') {
    issue(
      [],
      'needs istio.revision: a canary upgrade runs two named revisions side by side',
    );
  }
  if (upgrade.toRevision === istio.revision) {
    issue(
      ['toRevision'],
      `must differ from istio.revision ${istio.revision}: both revisions run during the upgrade`,
    );
  }
  if (
    upgrade.canaryTag === istio.revision ||
    upgrade.canaryTag === upgrade.toRevision ||
    istio.revisionTags.includes(upgrade.canaryTag)
  ) {
    issue(
      ['canaryTag'],
      `${upgrade.canaryTag} is already a revision or one of istio.revisionTags; the canary tag must name only the new revision`,
    );
  }
  upgrade.movedNamespaces.forEach((namespace, index) => {
    if (!istio.injectionNamespaces.includes(namespace)) {
      issue(
        ['movedNamespaces', index],
        `${namespace} is not one of istio.injectionNamespaces; only mesh namespaces move to the canary`,
      );
    }
  });
  if (upgrade.stage === 'canary' && upgrade.movedNamespaces.length > 0) {
    issue(
      ['movedNamespaces'],
      'must be empty at stage canary: namespaces move at stage move',
    );
  }
}
