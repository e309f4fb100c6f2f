import {
  UpgradeGateResponse,
  UpgradeGateStage,
  UpgradeGateThresholds,
} from '@mesh-templates/plugin-mesh-common';
import { MeshHealthService } from '../health/MeshHealthService';
import { evaluateUpgradeGate } from './evaluateUpgradeGate';

export interface UpgradeGateQuery {
  cluster: string;
  stage: UpgradeGateStage;
  from: string;
  to: string;
}

/** The gate's answer for one cluster, from the same (cached) health the Mesh tab shows. */
export async function readUpgradeGate(
  health: MeshHealthService,
  thresholds: UpgradeGateThresholds,
  query: UpgradeGateQuery,
): Promise<UpgradeGateResponse> {
  const [cluster] = await health.getHealth({ clusterNames: [query.cluster] });
  let unreadable: string[] | undefined;
  if (!cluster) unreadable = ['not configured under mesh.clusters'];
  else if (cluster.status === 'unknown') unreadable = cluster.reasons;
  const verdict = evaluateUpgradeGate(
    {
      cluster: query.cluster,
      from: query.from,
      to: query.to,
      revisions: cluster?.controlPlane.revisions ?? [],
      unreadable,
    },
    query.stage,
    thresholds,
  );
  return { ...query, ...verdict };
}
