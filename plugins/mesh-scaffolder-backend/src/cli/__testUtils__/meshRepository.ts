import {
  MeshClusterSpec,
  parseMeshClusterSpec,
} from '@mesh-templates/plugin-mesh-common';
import fs from 'node:fs';
import path from 'node:path';
import { renderMeshBundle } from '../../render/renderMeshBundle';
import { targetPathFor } from '../../render/meshMembers';
import { loadExampleSpecInput } from '../../render/__testUtils__/exampleSpecs';

/**
 * The spec each member of the example 3-cluster mesh is created from: the same mesh, each with its
 * own cluster name, network and gateway addresses (as the example's header describes).
 */
export function memberSpecsOfExampleMesh(): MeshClusterSpec[] {
  const input = loadExampleSpecInput('multi-primary-3-clusters');
  return input.multiCluster.clusters.map(
    (member: Record<string, string>, i: number) =>
      parseMeshClusterSpec({
        ...input,
        cluster: {
          ...input.cluster,
          name: member.name,
          network: member.network,
        },
        eastWestGateway: {
          ...input.eastWestGateway,
          loadBalancerIP: member.eastWestGatewayAddress,
        },
        ingressGateway: { loadBalancerIP: `203.0.113.${11 + 10 * i}` },
      }),
  );
}

/**
 * Writes what merged pull requests leave in a GitOps repository: each spec's own cluster folder,
 * as rendered, plus the catalog-info.yaml the pull request adds.
 */
export function writeClusterFolders(
  root: string,
  specs: MeshClusterSpec[],
): string[] {
  return specs.map(spec => {
    const folder = targetPathFor(spec, spec.cluster.name);
    for (const file of renderMeshBundle(spec).files) {
      if (file.path.startsWith(`${folder}/`)) {
        const target = path.join(root, file.path);
        fs.mkdirSync(path.dirname(target), { recursive: true });
        fs.writeFileSync(target, file.content);
      }
    }
    fs.writeFileSync(
      path.join(root, folder, 'catalog-info.yaml'),
      `apiVersion: backstage.io/v1alpha1\nkind: Resource\nmetadata:\n  name: ${spec.cluster.name}\n`,
    );
    return folder;
  });
}
