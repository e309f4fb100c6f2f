import { z } from 'zod';
import { clusterSectionSchema } from './clusterSection';
import { eastWestGatewaySectionSchema } from './eastWestGatewaySection';
import { gitopsSectionSchema } from './gitopsSection';
import { ingressGatewaySectionSchema } from './ingressGatewaySection';
import { istioSectionSchema } from './istioSection';
import { meshSectionSchema } from './meshSection';
import { multiClusterSectionSchema } from './multiClusterSection';
import { observabilitySectionSchema } from './observabilitySection';
import { policySectionSchema } from './policySection';

/**
 * Every section with its field-level formats and defaults; rules that span sections and the
 * derived defaults are added by `meshClusterSpecSchema`.
 */
export const meshClusterSpecFieldsSchema = z.strictObject(
  {
    /** Identity of the mesh. */
    mesh: meshSectionSchema,
    /** The cluster this spec installs into. */
    cluster: clusterSectionSchema,
    /** Istio release, install method and mesh-wide settings. */
    istio: istioSectionSchema,
    /** Membership in a mesh of several clusters. */
    multiCluster: multiClusterSectionSchema,
    /** Gateway for traffic between networks and to istiod from remotes. */
    eastWestGateway: eastWestGatewaySectionSchema,
    /** Ingress gateway, fixed address and TLS. */
    ingressGateway: ingressGatewaySectionSchema,
    /** Metrics, tracing, Kiali and Grafana. */
    observability: observabilitySectionSchema,
    /** NetworkPolicies, LimitRange and mTLS mode. */
    policy: policySectionSchema,
    /** Where the bundle is committed and what deploys it. */
    gitops: gitopsSectionSchema,
  },
  { error: 'must be an object with the sections of a MeshClusterSpec' },
);
