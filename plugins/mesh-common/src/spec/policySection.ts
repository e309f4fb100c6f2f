import { z } from 'zod';
import {
  cpuQuantity,
  flag,
  memoryQuantity,
  oneOf,
  portNumber,
} from './formats';
import { cpuMillicores, memoryBytes } from './resourceQuantities';

/** Mesh-wide mTLS modes of the root-namespace PeerAuthentication. */
export const PEER_AUTHENTICATION_MODES = [
  'STRICT',
  'PERMISSIVE',
  'DISABLE',
] as const;

/**
 * NetworkPolicies that open Istio's and Kiali's ports, for clusters that isolate namespaces by
 * default (e.g. Rancher project network isolation). Off by default: on a cluster without
 * default-deny, selecting pods with a policy would start denying their other traffic.
 */
export const networkPoliciesSchema = z
  .strictObject({
    /** Render the NetworkPolicies. */
    enabled: flag().default(false),
    /** Port of the Kubernetes API as pods reach it (6443 on RKE/kubeadm, 443 on many managed clusters). */
    kubeApiServerPort: portNumber().default(6443),
    /** Also allow all traffic between the Istio namespace and the mesh namespaces. */
    allowMeshNamespaces: flag().default(true),
  })
  .prefault({});

/** CPU and memory of one LimitRange entry. */
export const containerResourcesSchema = (cpu: string, memory: string) =>
  z
    .strictObject({
      /** CPU quantity. */
      cpu: cpuQuantity().default(cpu),
      /** Memory quantity. */
      memory: memoryQuantity().default(memory),
    })
    .prefault({});

/** Default container resources in the Istio namespace, for clusters that enforce quotas. */
export const limitRangeSchema = z
  .strictObject({
    /** Render a LimitRange in the Istio namespace. */
    enabled: flag().default(false),
    /** Limits given to containers that declare none. */
    defaultLimit: containerResourcesSchema('100m', '100Mi'),
    /** Requests given to containers that declare none. */
    defaultRequest: containerResourcesSchema('10m', '10Mi'),
  })
  .superRefine((limitRange, ctx) => {
    const { defaultLimit, defaultRequest } = limitRange;
    for (const [resource, amount] of [
      ['cpu', cpuMillicores],
      ['memory', memoryBytes],
    ] as const) {
      const request = amount(defaultRequest[resource]) ?? 0;
      const limit = amount(defaultLimit[resource]) ?? Infinity;
      if (request > limit) {
        ctx.addIssue({
          code: 'custom',
          path: ['defaultRequest', resource],
          message: `${defaultRequest[resource]} exceeds defaultLimit.${resource} ${defaultLimit[resource]}; a request must not exceed its limit`,
        });
      }
    }
  })
  .prefault({});

/** Network and security policy around the mesh. */
export const policySectionSchema = z
  .strictObject({
    /** NetworkPolicies for Istio and Kiali ports. */
    networkPolicies: networkPoliciesSchema,
    /** LimitRange for the Istio namespace. */
    limitRange: limitRangeSchema,
    /**
     * Mesh-wide PeerAuthentication mode. PERMISSIVE (Istio's default) accepts plain text during
     * migration; STRICT requires mTLS.
     */
    peerAuthenticationMode: oneOf(PEER_AUTHENTICATION_MODES).default(
      'PERMISSIVE',
    ),
  })
  .prefault({});

/** The policy section after defaults. */
export type PolicySection = z.output<typeof policySectionSchema>;
