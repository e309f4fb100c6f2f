import { z } from 'zod';
import { httpUrl } from './addressFormats';
import {
  componentVersion,
  dnsLabel,
  dnsSubdomain,
  flag,
  isDnsLabel,
  oneOf,
  uniqueList,
} from './formats';

/** Kiali install paths: the Kiali operator and a Kiali CR, or the kiali-server Helm chart. */
export const KIALI_INSTALL_METHODS = ['operator', 'helm'] as const;

/** Kiali login strategies (`auth.strategy`). */
export const KIALI_AUTH_STRATEGIES = [
  'anonymous',
  'token',
  'openid',
  'openshift',
  'header',
] as const;

const accessibleNamespace = z
  .string({ error: 'must be a namespace name or **' })
  .max(63, {
    error: 'is too long: at most 63 characters (a namespace name or **)',
  })
  .refine(value => value === '**' || isDnsLabel(value), {
    error: 'must be a namespace name (DNS-1123 label) or ** for all namespaces',
  });

/** OpenID Connect settings for the `openid` strategy. */
export const kialiOpenIdSchema = z
  .strictObject({
    /** Issuer URL of the identity provider. */
    issuerUrl: httpUrl({ allowEmpty: true }).default(''),
    /** OAuth client id registered for Kiali. */
    clientId: z
      .string({ error: 'must be a string' })
      .max(255, { error: 'is too long: at most 255 characters' })
      .regex(/^[A-Za-z0-9._:@-]*$/, {
        error:
          'must be a client id of A-Z, a-z, 0-9, ".", "_", ":", "@" and "-"',
      })
      .default(''),
  })
  .prefault({});

/** Exposure of Kiali through an Ingress. */
export const kialiIngressSchema = z
  .strictObject({
    /** Create an Ingress for Kiali. */
    enabled: flag().default(false),
    /** IngressClass name; empty uses the cluster's default class. */
    className: dnsSubdomain({ allowEmpty: true }).default(''),
    /** Host name of the Ingress rule; required when enabled. */
    host: dnsSubdomain({ allowEmpty: true }).default(''),
  })
  .prefault({});

/**
 * URLs Kiali reads from; each is derived from the observability settings when absent, and an
 * empty string turns that integration off.
 */
export const kialiExternalUrlsSchema = z
  .strictObject({
    /** Prometheus URL; defaults to `observability.prometheus.url`. */
    prometheus: httpUrl({ allowEmpty: true }).optional(),
    /** Tracing query URL; defaults to `observability.tracing.queryUrl` (none without tracing). */
    tracing: httpUrl({ allowEmpty: true }).optional(),
    /** Grafana URL; defaults to `observability.grafana.url` (none without Grafana). */
    grafana: httpUrl({ allowEmpty: true }).optional(),
  })
  .prefault({});

/** Kiali, the mesh console. */
export const kialiSettingsSchema = z
  .strictObject({
    /** Install Kiali. */
    enabled: flag().default(false),
    /** How Kiali is installed. */
    install: oneOf(KIALI_INSTALL_METHODS).default('operator'),
    /** Namespace Kiali itself runs in. */
    namespace: dnsLabel().default('istio-system'),
    /** Namespace of the Kiali operator (install `operator` only). */
    operatorNamespace: dnsLabel().default('kiali-operator'),
    /** Kiali version to pin (e.g. `v1.64`); empty takes the operator's or chart's own. */
    version: componentVersion({ allowEmpty: true }).default(''),
    /** Login strategy; `token` (a Kubernetes token) is Kiali's default on Kubernetes. */
    authStrategy: oneOf(KIALI_AUTH_STRATEGIES).default('token'),
    /** OpenID settings, required with `openid`. */
    openId: kialiOpenIdSchema,
    /** Hide write actions, so mesh config changes go through GitOps. */
    viewOnly: flag().default(true),
    /** Namespaces Kiali may see; `**` for all. */
    accessibleNamespaces: uniqueList(
      accessibleNamespace,
      100,
      'namespaces',
    ).default(['**']),
    /** Path Kiali is served under. */
    webRoot: z
      .string({ error: 'must be a URL path' })
      .max(100, { error: 'is too long: at most 100 characters (a URL path)' })
      .regex(/^\/([a-z0-9-]+(\/[a-z0-9-]+)*)?$/, {
        error:
          'must be "/" or a path of "/"-separated a-z, 0-9 and "-" segments (e.g. /kiali)',
      })
      .default('/kiali'),
    /** Ingress for Kiali. */
    ingress: kialiIngressSchema,
    /** URLs of Prometheus, tracing and Grafana as Kiali reaches them. */
    externalUrls: kialiExternalUrlsSchema,
  })
  .superRefine((kiali, ctx) => {
    if (kiali.authStrategy === 'openid') {
      if (kiali.openId.issuerUrl === '') {
        ctx.addIssue({
          code: 'custom',
          path: ['openId', 'issuerUrl'],
          message:
            'must be set to the identity provider URL when authStrategy is openid',
        });
      }
      if (kiali.openId.clientId === '') {
        ctx.addIssue({
          code: 'custom',
          path: ['openId', 'clientId'],
          message: 'must be set when authStrategy is openid',
        });
      }
    }
    if (kiali.ingress.enabled && kiali.ingress.host === '') {
      ctx.addIssue({
        code: 'custom',
        path: ['ingress', 'host'],
        message: 'must be a host name when the Kiali ingress is enabled',
      });
    }
    if (kiali.accessibleNamespaces.length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['accessibleNamespaces'],
        message: 'must list at least one namespace, or ** for all',
      });
    }
  })
  .prefault({});

/** The kiali settings after defaults (external URLs still optional; see derived defaults). */
export type KialiSettings = z.output<typeof kialiSettingsSchema>;
