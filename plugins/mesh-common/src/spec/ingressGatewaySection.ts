import { z } from 'zod';
import { ipAddress, ipAddressRange } from './addressFormats';
import {
  dnsLabel,
  dnsSubdomain,
  flag,
  hostPattern,
  oneOf,
  uniqueList,
} from './formats';
import {
  isIpAddressInRange,
  parseIpAddress,
  parseIpAddressRange,
} from './ipAddresses';

/** Service types for the ingress gateway. */
export const INGRESS_GATEWAY_SERVICE_TYPES = [
  'LoadBalancer',
  'NodePort',
  'ClusterIP',
] as const;

/** cert-manager issuer kinds. */
export const CERTIFICATE_ISSUER_KINDS = ['ClusterIssuer', 'Issuer'] as const;

/**
 * MetalLB pool for bare-metal clusters: an IPAddressPool plus an L2Advertisement so that the
 * gateway's fixed address is answered on the local network.
 */
export const metallbSchema = z
  .strictObject({
    /** Create the IPAddressPool and L2Advertisement. */
    enabled: flag().default(false),
    /** Namespace MetalLB runs in. */
    namespace: dnsLabel().default('metallb-system'),
    /** Name of the IPAddressPool. */
    ipAddressPoolName: dnsLabel().default('istio-ingress-pool'),
    /** Name of the L2Advertisement announcing the pool. */
    l2AdvertisementName: dnsLabel().default('istio-ingress-l2'),
    /** Pool addresses: CIDRs (`10.34.124.115/32`) or ranges (`10.0.0.10-10.0.0.20`). */
    addresses: uniqueList(ipAddressRange(), 16, 'address ranges').default([]),
  })
  .prefault({});

/** A reference to a cert-manager issuer. */
export const issuerRefSchema = z
  .strictObject({
    /** Issuer kind. */
    kind: oneOf(CERTIFICATE_ISSUER_KINDS).default('ClusterIssuer'),
    /** Issuer name; required when TLS is enabled. */
    name: dnsSubdomain({ allowEmpty: true }).default(''),
  })
  .prefault({});

/** TLS termination at the ingress gateway with a cert-manager Certificate. */
export const ingressTlsSchema = z
  .strictObject({
    /** Create the Certificate and an HTTPS server (SIMPLE TLS) on the gateway. */
    enabled: flag().default(false),
    /** Issuer that signs the certificate. */
    issuerRef: issuerRefSchema,
    /** Host names on the certificate and the HTTPS server. */
    hosts: uniqueList(hostPattern(), 50, 'hosts').default([]),
    /**
     * Secret holding the key pair (the Gateway's `credentialName`), created in the gateway's
     * namespace because the gateway can only read it there. When absent: the first host with `.`
     * replaced by `-` (`*.` becomes `wildcard-`).
     */
    secretName: dnsSubdomain({ allowEmpty: true }).optional(),
    /** Name of the Certificate object; when absent, the secret name. */
    certificateName: dnsSubdomain({ allowEmpty: true }).optional(),
  })
  .prefault({});

/** North-south entry to the mesh. */
export const ingressGatewaySectionSchema = z
  .strictObject({
    /** Install an ingress gateway. */
    enabled: flag().default(true),
    /** Deployment/Service name; its `istio` label value is `ingressgateway`. */
    name: dnsLabel().default('istio-ingressgateway'),
    /** Namespace of the gateway (and of its TLS Secret). */
    namespace: dnsLabel().default('istio-system'),
    /** Service type. */
    serviceType: oneOf(INGRESS_GATEWAY_SERVICE_TYPES).default('LoadBalancer'),
    /** Fixed LoadBalancer address; empty lets the load balancer choose. */
    loadBalancerIP: ipAddress({ allowEmpty: true }).default(''),
    /** MetalLB pool serving the fixed address on bare metal. */
    metallb: metallbSchema,
    /** TLS via cert-manager. */
    tls: ingressTlsSchema,
  })
  .superRefine((gateway, ctx) => {
    const isLoadBalancer = gateway.serviceType === 'LoadBalancer';
    if (gateway.loadBalancerIP !== '' && !isLoadBalancer) {
      ctx.addIssue({
        code: 'custom',
        path: ['loadBalancerIP'],
        message: `must be empty unless serviceType is LoadBalancer (got ${gateway.serviceType})`,
      });
    }
    const { metallb, tls } = gateway;
    if (metallb.enabled) {
      if (!isLoadBalancer) {
        ctx.addIssue({
          code: 'custom',
          path: ['metallb', 'enabled'],
          message: `needs serviceType LoadBalancer (got ${gateway.serviceType}); MetalLB only assigns LoadBalancer addresses`,
        });
      }
      if (metallb.addresses.length === 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['metallb', 'addresses'],
          message:
            'must list at least one CIDR or range when metallb is enabled',
        });
      }
      const address = parseIpAddress(gateway.loadBalancerIP);
      const ranges = metallb.addresses.map(parseIpAddressRange);
      if (
        address &&
        ranges.length > 0 &&
        !ranges.some(range => range && isIpAddressInRange(address, range))
      ) {
        ctx.addIssue({
          code: 'custom',
          path: ['loadBalancerIP'],
          message: `${
            gateway.loadBalancerIP
          } is outside the MetalLB pool; allowed: an address within ${metallb.addresses.join(
            ', ',
          )}`,
        });
      }
    }
    if (tls.enabled) {
      if (!gateway.enabled) {
        ctx.addIssue({
          code: 'custom',
          path: ['tls', 'enabled'],
          message:
            'needs ingressGateway.enabled: TLS terminates at the ingress gateway',
        });
      }
      if (tls.issuerRef.name === '') {
        ctx.addIssue({
          code: 'custom',
          path: ['tls', 'issuerRef', 'name'],
          message: 'must name a cert-manager issuer when TLS is enabled',
        });
      }
      if (tls.hosts.length === 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['tls', 'hosts'],
          message: 'must list at least one host name when TLS is enabled',
        });
      }
    }
  })
  .prefault({});

/** The ingressGateway section after defaults (TLS names still optional; see derived defaults). */
export type IngressGatewaySection = z.output<
  typeof ingressGatewaySectionSchema
>;
