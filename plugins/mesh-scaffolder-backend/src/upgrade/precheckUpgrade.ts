import {
  ISTIO_RELEASE_FACTS,
  offeredCompatibilityVersions,
  parseIstioVersion,
  type IstioMinorFacts,
  type IstioReleaseFacts,
  type MeshClusterSpec,
} from '@mesh-templates/plugin-mesh-common';
import { sailRefusals } from './sailUpgrade';

/** What a precheck found: reasons the upgrade is refused, and what a reviewer should know. */
export interface UpgradePrecheck {
  refusals: string[];
  notes: string[];
}

/** Istio's support policy: the control plane may be one minor release ahead of the data plane. */
const MAX_MINOR_STEP = 1;

function pathRefusals(
  from: string,
  to: string,
  releaseFacts: IstioReleaseFacts,
): string[] {
  const source = parseIstioVersion(from);
  const target = parseIstioVersion(to);
  if (!target || !releaseFacts.lineOf(target)) {
    return [
      `target ${to} is not a supported Istio release (${releaseFacts.supportedRange})`,
    ];
  }
  if (!source) return [`the running version ${from} is not a release`];
  const step = target.minor - source.minor;
  if (step < 0 || (step === 0 && target.patch <= source.patch)) {
    return [
      `${from} → ${to} is not an upgrade: the target must be newer than the running release`,
    ];
  }
  if (step > MAX_MINOR_STEP) {
    const hops = Array.from(
      { length: step },
      (_, i) => `1.${source.minor + i + 1}`,
    );
    return [
      `${from} → ${to} skips ${
        step - 1
      } minor releases: Istio supports the control plane at most one minor release ahead of the data plane, so upgrade one minor at a time (${hops.join(
        ' → ',
      )})`,
    ];
  }
  return [];
}

function installRefusals(
  spec: MeshClusterSpec,
  to: string,
  target: IstioMinorFacts | undefined,
): string[] {
  const { istio, multiCluster } = spec;
  const refusals: string[] = [];
  if (
    istio.installMethod === 'operator' &&
    target &&
    !target.operatorController
  ) {
    refusals.push(
      `installMethod operator: the in-cluster IstioOperator controller was removed in Istio 1.${ISTIO_RELEASE_FACTS.firstMinorWhere(
        l => !l.operatorController,
      )}, so it cannot install 1.${target.minor}; move the mesh to helm first`,
    );
  } else if (istio.installMethod === 'sail') {
    refusals.push(...sailRefusals(spec, to));
  } else if (istio.installMethod !== 'helm') {
    refusals.push(
      `installMethod ${istio.installMethod}: staged upgrades render the second revision as a Helm release or a Sail IstioRevision; only helm and sail installs can be upgraded in stages`,
    );
  }
  if (istio.revision === '' && istio.installMethod !== 'sail') {
    refusals.push(
      'istio.revision is empty: a canary upgrade runs two named revisions side by side; give the running control plane a revision first',
    );
  }
  if (
    istio.dataplane === 'ambient' &&
    multiCluster.model === 'primary-remote'
  ) {
    refusals.push(
      'ambient primary-remote: Istio supports ambient multi-cluster only as multi-primary, so this mesh cannot be upgraded in stages',
    );
  }
  return refusals;
}

/** The spec's compatibility profile, a value the target's charts no longer ship. */
function compatibilityRefusals(
  spec: MeshClusterSpec,
  target: IstioMinorFacts,
): string[] {
  const wanted = spec.istio.compatibilityVersion;
  if (wanted === undefined || target.compatibilityVersions.includes(wanted)) {
    return [];
  }
  const offered = offeredCompatibilityVersions(target);
  return [
    `istio.compatibilityVersion ${wanted} is not offered by Istio 1.${target.minor} (it offers ${offered}): unset it or raise it before upgrading`,
  ];
}

/** Value keys and resources the render writes differently once the target's facts apply. */
function chartNotes(
  spec: MeshClusterSpec,
  source: IstioMinorFacts,
  target: IstioMinorFacts,
): string[] {
  const notes: string[] = [];
  const changed = (key: keyof IstioMinorFacts) => source[key] !== target[key];
  if (
    changed('multiClusterEnabledKey') &&
    spec.multiCluster.model !== 'single'
  ) {
    notes.push(
      `value key global.multiCluster.enabled is removed in 1.${target.minor}: the new revision's values leave it out`,
    );
  }
  if (changed('telemetryV2WasmKeys')) {
    notes.push(
      `value keys telemetry.v2.*.wasmEnabled are removed in 1.${target.minor}: the new revision's values leave them out`,
    );
  }
  if (changed('baseChartCrdFile')) {
    notes.push(
      `the base chart moves its CRDs to ${target.baseChartCrdFile}: Helm does not upgrade files under crds/, apply the new CRDs before the canary`,
    );
  }
  notes.push(
    spec.istio.installMethod === 'sail'
      ? 'CRDs: a sail bundle carries no base chart, so it applies no Istio CRDs; the Istio CRDs on the cluster must serve the target release before the canary'
      : 'CRDs: the base chart (istio-base) is upgraded to the target release at the canary stage, before the new istiod starts',
  );
  if (
    target.gatewayApiVersion &&
    target.gatewayApiVersion !== source.gatewayApiVersion
  ) {
    notes.push(
      `Gateway API: Istio 1.${target.minor} is built against Gateway API ${
        target.gatewayApiVersion
      }${
        source.gatewayApiVersion
          ? ` (1.${source.minor}: ${source.gatewayApiVersion})`
          : ''
      }; install those CRDs before the canary where Gateway API resources are used`,
    );
  }
  if (spec.istio.dataplane === 'ambient') {
    notes.push(
      'ambient: istio-cni and ztunnel are not revisioned and work with a control plane one minor release newer; they stay on the running release until cleanup, then move in place after the new istiod (long-lived TCP connections on each node reset as its ztunnel restarts)',
    );
  }
  return notes;
}

/**
 * Whether the spec's mesh can be upgraded to `to` in stages, and what a reviewer should know. Pure:
 * reads only the spec and the release facts. An empty `refusals` means the canary may start.
 */
export function precheckUpgrade(
  spec: MeshClusterSpec,
  to: string,
  releaseFacts: IstioReleaseFacts = ISTIO_RELEASE_FACTS,
): UpgradePrecheck {
  const { istio } = spec;
  const target = releaseFacts.lineOf(to);
  const refusals = [
    ...pathRefusals(istio.version, to, releaseFacts),
    ...installRefusals(spec, to, target),
    ...(target ? compatibilityRefusals(spec, target) : []),
  ];
  if (istio.upgrade && istio.upgrade.toVersion !== to) {
    refusals.push(
      `an upgrade to ${istio.upgrade.toVersion} is already in progress (stage ${istio.upgrade.stage}); finish it first`,
    );
  }
  const source = releaseFacts.lineOf(istio.version);
  const notes = source && target ? chartNotes(spec, source, target) : [];
  return { refusals, notes };
}
