import {
  ISTIO_RELEASE_FACTS,
  type IstioReleaseFacts,
  type IstioUpgrade,
  type MeshClusterSpec,
} from '@mesh-templates/plugin-mesh-common';
import { precheckUpgrade } from './precheckUpgrade';
import {
  sailCanaryNote,
  sailCleanupNotes,
  sailPromoteNote,
  sailTargetRevision,
} from './sailUpgrade';
import { revisionNameFor, type UpgradeStage } from './upgradeStages';

/** Why a stage cannot run: the precheck refused, or the stages were taken out of order. */
export class UpgradeRefusedError extends Error {
  constructor(readonly reasons: string[]) {
    super(`upgrade refused: ${reasons.join('; ')}`);
    this.name = 'UpgradeRefusedError';
  }
}

/** The spec after a stage, and what the pull request of that stage should tell its reviewer. */
export interface UpgradeStep {
  spec: MeshClusterSpec;
  notes: string[];
}

/** Tag that namespaces follow when the running control plane had none to move. */
const DEFAULT_STABLE_TAG = 'stable';

function withUpgrade(
  spec: MeshClusterSpec,
  upgrade: IstioUpgrade,
): MeshClusterSpec {
  return { ...spec, istio: { ...spec.istio, upgrade } };
}

function requireStage(
  spec: MeshClusterSpec,
  to: string,
  stage: UpgradeStage,
  allowed: IstioUpgrade['stage'][],
): IstioUpgrade {
  const { upgrade } = spec.istio;
  if (
    !upgrade ||
    upgrade.toVersion !== to ||
    !allowed.includes(upgrade.stage)
  ) {
    const now = upgrade
      ? `the spec is at stage ${upgrade.stage} of an upgrade to ${upgrade.toVersion}`
      : 'no upgrade is in progress';
    throw new UpgradeRefusedError([
      `${stage} to ${to} needs an upgrade to ${to} at stage ${allowed.join(
        ' or ',
      )}; ${now}`,
    ]);
  }
  return upgrade;
}

function canary(
  spec: MeshClusterSpec,
  to: string,
  releaseFacts: IstioReleaseFacts,
): UpgradeStep {
  const { refusals, notes } = precheckUpgrade(spec, to, releaseFacts);
  if (spec.istio.upgrade) {
    refusals.push(
      `an upgrade to ${spec.istio.upgrade.toVersion} is already at stage ${spec.istio.upgrade.stage}`,
    );
  }
  if (refusals.length > 0) throw new UpgradeRefusedError(refusals);
  const { istio } = spec;
  const sail = istio.installMethod === 'sail';
  const revisionTags =
    istio.revisionTags.length > 0 ? istio.revisionTags : [DEFAULT_STABLE_TAG];
  const toRevision = sail ? sailTargetRevision(spec, to) : revisionNameFor(to);
  const next: MeshClusterSpec = {
    ...spec,
    istio: {
      ...istio,
      revisionTags,
      upgrade: {
        toVersion: to,
        toRevision,
        stage: 'canary',
        canaryTag: 'canary',
        movedNamespaces: [],
      },
    },
  };
  const stageNote = sail
    ? sailCanaryNote(spec, to)
    : `istiod ${toRevision} (${to}) runs beside ${istio.revision} (${
        istio.version
      }); tags ${revisionTags.join(', ')} → ${
        istio.revision
      }, canary → ${toRevision}; no namespace moves`;
  return { spec: next, notes: [...notes, stageNote] };
}

function move(
  spec: MeshClusterSpec,
  to: string,
  namespaces?: string[],
): UpgradeStep {
  const upgrade = requireStage(spec, to, 'move', ['canary', 'move']);
  const chosen = namespaces ?? spec.istio.injectionNamespaces;
  const unknown = chosen.filter(
    n => !spec.istio.injectionNamespaces.includes(n),
  );
  if (unknown.length > 0) {
    throw new UpgradeRefusedError([
      `namespaces ${unknown.join(
        ', ',
      )} are not among istio.injectionNamespaces (${spec.istio.injectionNamespaces.join(
        ', ',
      )})`,
    ]);
  }
  const movedNamespaces = [...new Set([...upgrade.movedNamespaces, ...chosen])];
  return {
    spec: withUpgrade(spec, { ...upgrade, stage: 'move', movedNamespaces }),
    notes: chosen.map(
      n =>
        `namespace ${n} now follows tag ${upgrade.canaryTag}: its workloads move to ${upgrade.toRevision} only when restarted (kubectl rollout restart deployment,statefulset,daemonset -n ${n})`,
    ),
  };
}

function promote(spec: MeshClusterSpec, to: string): UpgradeStep {
  const upgrade = requireStage(spec, to, 'promote', ['canary', 'move']);
  const stay = spec.istio.injectionNamespaces.filter(
    n => !upgrade.movedNamespaces.includes(n),
  );
  return {
    spec: withUpgrade(spec, { ...upgrade, stage: 'promote' }),
    notes: [
      spec.istio.installMethod === 'sail'
        ? sailPromoteNote(spec, to)
        : `tags ${spec.istio.revisionTags.join(', ')} now point at ${
            upgrade.toRevision
          }`,
      ...stay.map(
        n =>
          `namespace ${n} moves to ${upgrade.toRevision} when its workloads restart (kubectl rollout restart deployment,statefulset,daemonset -n ${n})`,
      ),
    ],
  };
}

function cleanup(spec: MeshClusterSpec, to: string): UpgradeStep {
  const upgrade = requireStage(spec, to, 'cleanup', ['promote']);
  const { upgrade: _done, ...istio } = spec.istio;
  const tag = istio.tag ?? istio.version;
  const sail = istio.installMethod === 'sail';
  return {
    spec: {
      ...spec,
      istio: {
        ...istio,
        version: upgrade.toVersion,
        // Sail names its revisions after the Istio resource, which keeps its name across versions.
        revision: sail ? istio.revision : upgrade.toRevision,
        // An unset tag follows the version; a suffixed build keeps its suffix.
        ...(istio.tag === undefined
          ? {}
          : { tag: `${upgrade.toVersion}${tag.slice(istio.version.length)}` }),
      },
    },
    notes: sail
      ? sailCleanupNotes(spec, to)
      : [
          `istiod ${spec.istio.revision} (${spec.istio.version}) removed; the mesh runs ${upgrade.toRevision} (${upgrade.toVersion})`,
          'proxies still connected to the old revision lose their control plane: check that none remain before merging',
        ],
  };
}

/**
 * The spec after one stage of a staged upgrade to `to`, with notes for the stage's pull request.
 * `precheck` returns the spec unchanged; `namespaces` (stage `move`) defaults to every injection
 * namespace.
 *
 * @throws UpgradeRefusedError when the precheck refuses, or the spec is not at the stage before
 */
export function advanceUpgrade(
  spec: MeshClusterSpec,
  to: string,
  stage: UpgradeStage,
  options: {
    namespaces?: string[];
    istioReleaseFacts?: IstioReleaseFacts;
  } = {},
): UpgradeStep {
  const releaseFacts = options.istioReleaseFacts ?? ISTIO_RELEASE_FACTS;
  switch (stage) {
    case 'precheck': {
      const { refusals, notes } = precheckUpgrade(spec, to, releaseFacts);
      if (refusals.length > 0) throw new UpgradeRefusedError(refusals);
      return { spec, notes };
    }
    case 'canary':
      return canary(spec, to, releaseFacts);
    case 'move':
      return move(spec, to, options.namespaces);
    case 'promote':
      return promote(spec, to);
    default:
      return cleanup(spec, to);
  }
}
