import { InputError, ServiceUnavailableError } from '@backstage/errors';
import {
  upgradeRevisionNames,
  type MeshClusterSpec,
  type UpgradeGateRequest,
  type UpgradeGateResponse,
  type UpgradeGateStage,
} from '@mesh-templates/plugin-mesh-common';
import type { UpgradeStage } from '../upgrade';

/** What the action needs of `UpgradeGateClient`: one verdict per cluster. */
export interface UpgradeGate {
  check(request: UpgradeGateRequest): Promise<UpgradeGateResponse>;
}

const GATED_STAGES: readonly UpgradeStage[] = ['promote', 'cleanup'];

/** Whether a stage waits for the mesh backend's upgrade gate. */
export function isGatedStage(stage: UpgradeStage): stage is UpgradeGateStage {
  return GATED_STAGES.includes(stage);
}

/**
 * The gate's request for each cluster: from the running revision to the upgrade's new one, by the
 * names istiod reports to Prometheus (for sail, the IstioRevisions `<revision>-v<x-y-z>`).
 */
export function gateRequests(
  spec: MeshClusterSpec,
  stage: UpgradeGateStage,
  clusters: string[],
): UpgradeGateRequest[] {
  const { upgrade } = spec.istio;
  if (!upgrade) throw new InputError(`${stage} needs an upgrade in progress`);
  const { running, target } = upgradeRevisionNames({ ...spec.istio, upgrade });
  return clusters.map(cluster => ({
    cluster,
    stage,
    from: running,
    to: target,
  }));
}

/**
 * A fetch failure's own message is "fetch failed"; its cause (ECONNREFUSED, a timeout) is what an
 * operator can act on. Neither carries the request's headers, so no token reaches the message.
 */
function unreachableReason(cluster: string, error: unknown): string {
  const { message, cause } = error as Error & { cause?: Error };
  const detail = cause?.message ? `${message}: ${cause.message}` : message;
  return `${cluster}: the upgrade gate could not be asked (${detail})`;
}

/**
 * Asks the gate for every cluster and returns the note saying it passed. Refuses — never waves the
 * stage through — when the gate refuses any cluster, cannot be reached, or is not configured.
 */
export async function requireGatePasses(
  gate: UpgradeGate | undefined,
  requests: UpgradeGateRequest[],
): Promise<string> {
  const { stage, from, to } = requests[0];
  const title = `Istio upgrade ${stage} from ${from} to ${to} refused by the upgrade gate`;
  if (!gate) {
    throw new ServiceUnavailableError(
      `${title}: no upgrade gate is configured for this action`,
    );
  }
  const refusals: string[] = [];
  let unreachable = false;
  for (const request of requests) {
    try {
      const verdict = await gate.check(request);
      if (!verdict.allowed) {
        refusals.push(
          ...(verdict.reasons.length > 0
            ? verdict.reasons
            : [`${request.cluster}: refused without a reason`]),
        );
      }
    } catch (error) {
      unreachable = true;
      refusals.push(unreachableReason(request.cluster, error));
    }
  }
  if (refusals.length > 0) {
    const message = `${title}:\n${refusals.join('\n')}`;
    throw unreachable
      ? new ServiceUnavailableError(message)
      : new InputError(message);
  }
  const clusters = requests.map(r => r.cluster).join(', ');
  return `upgrade gate asked and passed: ${stage} from ${from} to ${to} allowed for ${clusters} (mesh backend, live health)`;
}
