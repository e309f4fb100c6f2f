import { z } from 'zod';
import { dnsLabel, labelValue, oneOf } from './formats';

/** Kubernetes distributions whose quirks (CNI paths, security constraints) the render packs know. */
export const CLUSTER_PLATFORMS = [
  'generic',
  'rke2',
  'rancher',
  'openshift',
  'k3s',
] as const;

/** The Kubernetes cluster this spec installs the mesh into. */
export const clusterSectionSchema = z
  .strictObject({
    /**
     * Cluster name inside the mesh (`global.multiCluster.clusterName`), also the default GitOps
     * folder `clusters/<name>`. Defaults to `cluster1`, the name Istio's own guides use, so that an
     * empty spec is still complete; real specs should always name the cluster.
     */
    name: dnsLabel().default('cluster1'),
    /**
     * Network the cluster's pods live on (`global.network` and the `topology.istio.io/network`
     * label). Clusters whose pods cannot reach each other directly need different networks.
     */
    network: labelValue().default('network1'),
    /** Distribution hint: selects platform profiles (OpenShift, k3s CNI paths, RKE2 defaults). */
    platform: oneOf(CLUSTER_PLATFORMS).default('generic'),
  })
  .prefault({});

/** The cluster section after defaults. */
export type ClusterSection = z.output<typeof clusterSectionSchema>;
