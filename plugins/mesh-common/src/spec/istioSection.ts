import { z } from 'zod';
import {
  absoluteFilePath,
  containerRegistryHub,
  dnsLabel,
  flag,
  imageTag,
  oneOf,
  uniqueList,
} from './formats';
import {
  ISTIO_RELEASE_FACTS,
  SAIL_OPERATOR_FACTS,
  sailInstallsIstio,
  type IstioMinorFacts,
} from '../istio';
import { istioVersionSchema } from './istioVersionSchema';
import { checkIstioUpgrade, istioUpgradeSchema } from './istioUpgradeSection';
import {
  checkCompatibilityVersion,
  compatibilityVersion,
} from './compatibilityVersion';

/**
 * How the control plane is installed: Helm charts (base, istiod, gateway), an `istioctl install`
 * of an IstioOperator file, the in-cluster IstioOperator controller (Istio ≤ 1.23 only), or the
 * Sail Operator's `Istio` resources (the Istio releases its release installs).
 */
export const ISTIO_INSTALL_METHODS = [
  'helm',
  'istioctl',
  'operator',
  'sail',
] as const;

/** Installation profiles shipped by every supported release (some only from 1.23, see rules). */
export const ISTIO_PROFILES = [
  'default',
  'demo',
  'minimal',
  'empty',
  'preview',
  'remote',
  'ambient',
  'openshift',
  'openshift-ambient',
  'stable',
] as const;

/** Data plane modes: per-pod Envoy sidecars, or ztunnel/waypoints. */
export const ISTIO_DATAPLANE_MODES = ['sidecar', 'ambient'] as const;

/** Envoy access log encodings (`meshConfig.accessLogEncoding`). */
export const ACCESS_LOG_ENCODINGS = ['TEXT', 'JSON'] as const;

/** Outbound traffic policy modes (`meshConfig.outboundTrafficPolicy.mode`). */
export const OUTBOUND_TRAFFIC_POLICY_MODES = [
  'ALLOW_ANY',
  'REGISTRY_ONLY',
] as const;

/** Namespaces that must never get sidecar injection or ambient enrolment. */
export const NAMESPACES_EXCLUDED_FROM_INJECTION = [
  'kube-system',
  'kube-public',
  'kube-node-lease',
] as const;

const AMBIENT_PROFILES: readonly string[] = ['ambient', 'openshift-ambient'];

/**
 * The Sail Operator installs only the Istio releases its own release lists, and names the
 * revisions of a RevisionBased Istio `<name>-v<x-y-z>`, so namespaces can only follow a revision
 * through a tag (an IstioRevisionTag).
 */
function checkSailAvailability(
  istio: {
    version: string;
    installMethod: string;
    revision: string;
    revisionTags: string[];
  },
  ctx: z.RefinementCtx,
) {
  if (istio.installMethod !== 'sail') {
    return;
  }
  const sail = SAIL_OPERATOR_FACTS;
  if (!sailInstallsIstio(istio.version)) {
    ctx.addIssue({
      code: 'custom',
      path: ['version'],
      message: `Istio ${istio.version} is not installed by the Sail Operator ${sail.operatorVersion} (installMethod sail supports Istio ${sail.oldestIstioVersion}–${sail.newestIstioVersion}); use installMethod helm, or a version in that range`,
    });
  }
  if (istio.revision !== '' && istio.revisionTags.length === 0) {
    ctx.addIssue({
      code: 'custom',
      path: ['revisionTags'],
      message: `need at least one tag with installMethod sail and revision ${istio.revision}: Sail names the revisions ${istio.revision}-v<version>, so namespaces follow a tag`,
    });
  }
}

/** Install methods, data plane modes and profiles that only some supported releases offer. */
function checkReleaseAvailability(
  release: IstioMinorFacts,
  istio: {
    version: string;
    installMethod: string;
    dataplane: string;
    profile: string;
  },
  ctx: z.RefinementCtx,
) {
  if (istio.installMethod === 'operator' && !release.operatorController) {
    const removedIn = ISTIO_RELEASE_FACTS.firstMinorWhere(
      line => !line.operatorController,
    );
    ctx.addIssue({
      code: 'custom',
      path: ['installMethod'],
      message: `operator is not available for Istio ${
        istio.version
      }: the in-cluster IstioOperator controller was removed in Istio 1.${removedIn}; use helm or istioctl, or an Istio version up to 1.${
        removedIn - 1
      }.x`,
    });
  }
  if (istio.dataplane === 'ambient' && !release.ambient) {
    ctx.addIssue({
      code: 'custom',
      path: ['dataplane'],
      message: `ambient needs Istio 1.${ISTIO_RELEASE_FACTS.firstMinorWhere(
        line => line.ambient,
      )}.0 or later (got ${istio.version}); use sidecar with this version`,
    });
  }
  if (
    (istio.profile === 'stable' || istio.profile === 'openshift-ambient') &&
    !release.stableProfiles
  ) {
    ctx.addIssue({
      code: 'custom',
      path: ['profile'],
      message: `${
        istio.profile
      } is only shipped from Istio 1.${ISTIO_RELEASE_FACTS.firstMinorWhere(
        line => line.stableProfiles,
      )}; with ${
        istio.version
      } use default, demo, minimal, empty, preview, remote, ambient or openshift`,
    });
  }
}

/** The meshConfig knobs a platform team sets at install time. */
export const meshConfigSchema = z
  .strictObject({
    /**
     * Where every proxy writes its access log (`meshConfig.accessLogFile`); `/dev/stdout` sends it to
     * the container log. Empty keeps access logging off, Istio's default outside the demo profile.
     */
    accessLogFile: absoluteFilePath({ allowEmpty: true }).default(''),
    /** Access log line format (`meshConfig.accessLogEncoding`). */
    accessLogEncoding: oneOf(ACCESS_LOG_ENCODINGS).default('TEXT'),
    /**
     * Merge application metrics into the proxy's Prometheus endpoint (`meshConfig.enablePrometheusMerge`),
     * so one scrape per pod covers both; Istio's default.
     */
    enablePrometheusMerge: flag().default(true),
    /**
     * Whether workloads may call hosts outside the service registry (`ALLOW_ANY`, Istio's default) or
     * only registered ones (`REGISTRY_ONLY`).
     */
    outboundTrafficPolicyMode: oneOf(OUTBOUND_TRAFFIC_POLICY_MODES).default(
      'ALLOW_ANY',
    ),
  })
  .prefault({});

/** Istio control plane and data plane settings. */
export const istioSectionSchema = z
  .strictObject({
    /** Istio release, `1.N.P` within the supported range; the current stable release by default. */
    version: istioVersionSchema.default(ISTIO_RELEASE_FACTS.defaultVersion),
    /**
     * Install mechanism; `operator` (in-cluster controller) exists only up to Istio 1.23, `sail`
     * only for the Istio releases the Sail Operator release installs.
     */
    installMethod: oneOf(ISTIO_INSTALL_METHODS).default('helm'),
    /** Installation profile (`profile` of the charts or the IstioOperator). */
    profile: oneOf(ISTIO_PROFILES).default('default'),
    /** Namespace of istiod and the gateways Istio manages. */
    namespace: dnsLabel().default('istio-system'),
    /**
     * Control plane revision for canary upgrades (`revision`, e.g. `1-30-3`); empty installs the
     * unrevisioned default control plane.
     */
    revision: dnsLabel({ allowEmpty: true }).default(''),
    /**
     * Revision tags pointing at this revision (`revisionTags`, e.g. `prod`, `default`), so that
     * namespaces follow a tag instead of a concrete revision.
     */
    revisionTags: uniqueList(dnsLabel(), 10, 'revision tags').default([]),
    /**
     * Registry hub holding the Istio images (`global.hub`), for clusters that pull from a mirror.
     * Empty uses the hub the release's charts ship with.
     */
    hub: containerRegistryHub({ allowEmpty: true }).default(''),
    /**
     * Image tag (`global.tag`); when absent it is `version`. Set it for suffixed builds such as
     * `1.30.3-distroless`; it must start with `version`.
     */
    tag: imageTag().optional(),
    /** Compatibility profile (e.g. `1.29`): istiod keeps that older release's defaults. */
    compatibilityVersion: compatibilityVersion().optional(),
    /** Data plane mode; `ambient` needs Istio ≥ 1.22 and the `ambient` profile. */
    dataplane: oneOf(ISTIO_DATAPLANE_MODES).default('sidecar'),
    /** Mesh-wide proxy behaviour set in meshConfig. */
    meshConfig: meshConfigSchema,
    /**
     * Namespaces whose workloads join the mesh: labelled for sidecar injection (`istio-injection` or
     * `istio.io/rev`) or, in ambient mode, `istio.io/dataplane-mode=ambient`.
     */
    injectionNamespaces: uniqueList(dnsLabel(), 100, 'namespaces').default([]),
    /** A canary upgrade in progress; absent otherwise (see istioUpgradeSection). */
    upgrade: istioUpgradeSchema.optional(),
  })
  .superRefine((istio, ctx) => {
    const release = ISTIO_RELEASE_FACTS.lineOf(istio.version);
    if (!release) {
      return;
    }
    checkReleaseAvailability(release, istio, ctx);
    checkSailAvailability(istio, ctx);
    checkCompatibilityVersion(istio, release, ctx);
    checkIstioUpgrade(istio, ctx);
    const ambientProfile = AMBIENT_PROFILES.includes(istio.profile);
    if (istio.dataplane === 'ambient' && !ambientProfile) {
      ctx.addIssue({
        code: 'custom',
        path: ['profile'],
        message: `must be ambient or openshift-ambient when dataplane is ambient (got ${istio.profile})`,
      });
    }
    if (istio.dataplane === 'sidecar' && ambientProfile) {
      ctx.addIssue({
        code: 'custom',
        path: ['dataplane'],
        message: `must be ambient when profile is ${istio.profile}; allowed with sidecar: profiles other than ambient and openshift-ambient`,
      });
    }
    if (
      istio.tag !== undefined &&
      istio.tag !== istio.version &&
      !istio.tag.startsWith(`${istio.version}-`)
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['tag'],
        message: `must be the Istio version ${istio.version} or start with "${istio.version}-" (e.g. ${istio.version}-distroless), so that images match the charts`,
      });
    }
    if (istio.revisionTags.length > 0 && istio.revision === '') {
      ctx.addIssue({
        code: 'custom',
        path: ['revisionTags'],
        message:
          'need istio.revision to be set: revision tags point at a named revision',
      });
    }
    if (istio.revision !== '' && istio.revisionTags.includes(istio.revision)) {
      ctx.addIssue({
        code: 'custom',
        path: ['revisionTags'],
        message: `must not contain the revision name ${istio.revision} itself; a tag is an alias for it`,
      });
    }
    istio.injectionNamespaces.forEach((namespace, index) => {
      const excluded = [
        ...NAMESPACES_EXCLUDED_FROM_INJECTION,
        istio.namespace,
      ] as string[];
      if (excluded.includes(namespace)) {
        ctx.addIssue({
          code: 'custom',
          path: ['injectionNamespaces', index],
          message: `${namespace} must not join the mesh; allowed: application namespaces other than ${excluded.join(
            ', ',
          )}`,
        });
      }
    });
  })
  .prefault({});

/** The istio section after defaults (tag still optional; see the spec's derived defaults). */
export type IstioSection = z.output<typeof istioSectionSchema>;
