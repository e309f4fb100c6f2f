import { z } from 'zod';
import { ipAddressOrHostName } from './addressFormats';
import { dnsLabel, labelValue, oneOf } from './formats';

/**
 * Istio multi-cluster deployment models: one cluster; every cluster runs istiod (multi-primary);
 * or remote clusters use a primary's istiod (primary-remote).
 */
export const MULTI_CLUSTER_MODELS = [
  'single',
  'multi-primary',
  'primary-remote',
] as const;

/** Whether a cluster runs its own istiod (primary) or uses a primary's (remote). */
export const MESH_CLUSTER_ROLES = ['primary', 'remote'] as const;

/**
 * Upper bound on clusters per mesh: bounds the work one request can ask for while leaving room for
 * fleets of a hundred clusters, a size the render benchmark measures.
 */
export const MAX_CLUSTERS_PER_MESH = 128;

/** One cluster of the mesh, as every member of the mesh must know it. */
export const meshClusterEntrySchema = z.strictObject({
  /** The cluster's `global.multiCluster.clusterName`. */
  name: dnsLabel(),
  /** The cluster's network (`global.network`). */
  network: labelValue(),
  /** Whether it runs istiod (`primary`) or uses a primary's (`remote`). */
  role: oneOf(MESH_CLUSTER_ROLES).default('primary'),
  /** For a remote: the name of the primary whose istiod it uses. Empty for primaries. */
  primaryClusterName: dnsLabel({ allowEmpty: true }).default(''),
  /**
   * Address (IP or DNS name) of the cluster's east-west gateway, as other clusters reach it. Empty
   * when it is only known once the LoadBalancer is provisioned.
   */
  eastWestGatewayAddress: ipAddressOrHostName({ allowEmpty: true }).default(''),
});

/** A mesh member after defaults. */
export type MeshClusterEntry = z.output<typeof meshClusterEntrySchema>;

/** How this cluster takes part in a mesh that spans several clusters. */
export const multiClusterSectionSchema = z
  .strictObject({
    /** Deployment model; `single` for a mesh of one cluster. */
    model: oneOf(MULTI_CLUSTER_MODELS).default('single'),
    /**
     * Every cluster of the mesh, this one included, so that one spec describes the whole mesh and
     * each member's bundle (remote secrets, networks) can be rendered from it. Empty for `single`.
     */
    clusters: z
      .array(meshClusterEntrySchema, {
        error: 'must be a list of clusters ({name, network, role, ...})',
      })
      .max(MAX_CLUSTERS_PER_MESH, {
        error: `must have at most ${MAX_CLUSTERS_PER_MESH} clusters`,
      })
      .default([]),
  })
  .superRefine((multiCluster, ctx) => {
    const { model, clusters } = multiCluster;
    if (model === 'single') {
      if (clusters.length > 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['clusters'],
          message:
            'must be empty when model is single; list the mesh clusters only with multi-primary or primary-remote',
        });
      }
      return;
    }
    if (clusters.length < 2) {
      ctx.addIssue({
        code: 'custom',
        path: ['clusters'],
        message: `must list at least 2 clusters (this one included) when model is ${model}`,
      });
    }
    const seen = new Set<string>();
    clusters.forEach((cluster, index) => {
      if (seen.has(cluster.name)) {
        ctx.addIssue({
          code: 'custom',
          path: ['clusters', index, 'name'],
          message: `${cluster.name} appears more than once; cluster names must be unique in a mesh`,
        });
      }
      seen.add(cluster.name);
    });
    const primaries = checkMemberRoles(model, clusters, ctx);
    if (model === 'primary-remote') {
      if (primaries.size === 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['clusters'],
          message:
            'must include at least one primary cluster when model is primary-remote',
        });
      }
      if (!clusters.some(c => c.role === 'remote')) {
        ctx.addIssue({
          code: 'custom',
          path: ['clusters'],
          message:
            'must include at least one remote cluster when model is primary-remote; use multi-primary when every cluster runs istiod',
        });
      }
    }
  })
  .prefault({});

/** The multiCluster section after defaults. */
export type MultiClusterSection = z.output<typeof multiClusterSectionSchema>;

/** Each member's role fits the model; a remote names a listed primary. Returns the primaries. */
function checkMemberRoles(
  model: (typeof MULTI_CLUSTER_MODELS)[number],
  clusters: MeshClusterEntry[],
  ctx: z.RefinementCtx,
): Set<string> {
  const primaries = new Set(
    clusters.filter(c => c.role === 'primary').map(c => c.name),
  );
  clusters.forEach((cluster, index) => {
    if (model === 'multi-primary' && cluster.role !== 'primary') {
      ctx.addIssue({
        code: 'custom',
        path: ['clusters', index, 'role'],
        message:
          'must be primary when model is multi-primary; use model primary-remote for remote clusters',
      });
    }
    if (cluster.role === 'primary' && cluster.primaryClusterName !== '') {
      ctx.addIssue({
        code: 'custom',
        path: ['clusters', index, 'primaryClusterName'],
        message:
          'must be empty for a primary cluster; only remotes name a primary',
      });
    }
    if (model === 'primary-remote' && cluster.role === 'remote') {
      if (!primaries.has(cluster.primaryClusterName)) {
        ctx.addIssue({
          code: 'custom',
          path: ['clusters', index, 'primaryClusterName'],
          message: `must name a primary cluster of this mesh (one of: ${
            [...primaries].join(', ') || 'none listed'
          })`,
        });
      }
    }
  });
  return primaries;
}
