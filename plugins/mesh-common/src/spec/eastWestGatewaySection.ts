import { z } from 'zod';
import { ipAddress } from './addressFormats';
import {
  dnsLabel,
  flag,
  hostPattern,
  oneOf,
  portNumber,
  uniqueList,
} from './formats';

/** Service types that other clusters can reach; ClusterIP cannot serve cross-cluster traffic. */
export const EAST_WEST_GATEWAY_SERVICE_TYPES = [
  'LoadBalancer',
  'NodePort',
] as const;

/** The four ports Istio's east-west gateway exposes (names as in upstream `gen-eastwest-gateway.sh`). */
export const eastWestGatewayPortsSchema = z
  .strictObject({
    /** Health checks of the gateway (`status-port`). */
    statusPort: portNumber().default(15021),
    /** mTLS passthrough of service traffic between networks (`tls`, AUTO_PASSTHROUGH). */
    crossNetworkTlsPort: portNumber().default(15443),
    /** istiod's xDS and CA for remote clusters (`tls-istiod`). */
    istiodTlsPort: portNumber().default(15012),
    /** istiod's injection/validation webhooks for remote clusters (`tls-webhook`). */
    webhookTlsPort: portNumber().default(15017),
  })
  .superRefine((ports, ctx) => {
    const seen = new Map<number, string>();
    for (const [name, port] of Object.entries(ports)) {
      const other = seen.get(port);
      if (other) {
        ctx.addIssue({
          code: 'custom',
          path: [name],
          message: `${port} is already used by ${other}; each east-west gateway port must be distinct`,
        });
      }
      seen.set(port, name);
    }
  })
  .prefault({});

/** The gateway through which traffic and control plane connections cross networks. */
export const eastWestGatewaySectionSchema = z
  .strictObject({
    /** Install the east-west gateway; needed when the mesh spans networks or has remote clusters. */
    enabled: flag().default(false),
    /** Deployment/Service name; also its `istio` label value is `eastwestgateway`. */
    name: dnsLabel().default('istio-eastwestgateway'),
    /** Service type; other clusters must reach it. */
    serviceType: oneOf(EAST_WEST_GATEWAY_SERVICE_TYPES).default('LoadBalancer'),
    /**
     * Fixed LoadBalancer address, so that peers can be configured before provisioning. Empty lets
     * the load balancer choose.
     */
    loadBalancerIP: ipAddress({ allowEmpty: true }).default(''),
    /** Service ports. */
    ports: eastWestGatewayPortsSchema,
    /**
     * Hosts the cross-network Gateway passes through on the TLS port; `*.local` covers every
     * in-mesh service, as in Istio's `expose-services.yaml`.
     */
    crossNetworkHosts: uniqueList(hostPattern(), 20, 'hosts').default([
      '*.local',
    ]),
  })
  .superRefine((gateway, ctx) => {
    if (
      gateway.loadBalancerIP !== '' &&
      gateway.serviceType !== 'LoadBalancer'
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['loadBalancerIP'],
        message: `must be empty unless serviceType is LoadBalancer (got ${gateway.serviceType})`,
      });
    }
    if (gateway.enabled && gateway.crossNetworkHosts.length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['crossNetworkHosts'],
        message:
          'must list at least one host (e.g. *.local) when the gateway is enabled',
      });
    }
  })
  .prefault({});

/** The eastWestGateway section after defaults. */
export type EastWestGatewaySection = z.output<
  typeof eastWestGatewaySectionSchema
>;
