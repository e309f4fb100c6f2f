/**
 * How a release's Helm charts are laid out and which value keys they read. Taken from the upstream
 * charts of the conformance releases (shared/conformance/SOURCES.md); templates and the key checks
 * branch on these names, never on raw version numbers.
 */
export interface IstioChartFacts {
  /** `global.configValidation` lives in the base chart up to 1.22, in istiod from 1.23. */
  configValidationInIstiod: boolean;
  /**
   * `telemetry.v2` carries the wasm/metadataExchange block up to 1.20 (the last release whose
   * charts show it); from 1.23 only `enabled` flags remain.
   */
  telemetryV2WasmKeys: boolean;
  /** `global.multiCluster.enabled` exists through 1.24; later only `clusterName`. */
  multiClusterEnabledKey: boolean;
  /** Remotes use the separate `istiod-remote` chart up to 1.23, istiod with `profile: remote` after. */
  istiodRemoteChart: boolean;
  /** `pilot.cni.enabled` (1.23+) replaces `istio_cni.enabled` (1.20–1.22). */
  cniUnderPilot: boolean;
  /**
   * The key every Istio chart keeps its defaults under (`defaults` in 1.23,
   * `_internal_defaults_do_not_set` from 1.24); empty while defaults sit at the top level. Users
   * set the keys inside at the top level; a value under the wrapper replaces every default.
   */
  chartDefaultsWrapper: string;
  /**
   * From 1.24 the charts still merge a legacy top-level `pilot:` block into their values, so its
   * keys are checked as top-level keys.
   */
  legacyPilotValuesMerged: boolean;
  /** The charts ship `profile` values files (`files/profile-*.yaml`) from 1.23. */
  chartProfiles: boolean;
  /** The charts read `compatibilityVersion` (files/profile-compatibility-version-*.yaml) from 1.23. */
  compatibilityProfiles: boolean;
  /**
   * The `compatibilityVersion` values the charts ship a profile for, oldest first (empty before
   * 1.23). A release drops the oldest ones and adds the minor before its own.
   */
  compatibilityVersions: readonly string[];
  /** From 1.24 the charts select platform profiles (openshift, k3s, ...) through `global.platform`. */
  chartPlatformProfiles: boolean;
  /** Where the base chart keeps the Istio CRDs: `crds/` up to 1.23, `files/` from 1.24. */
  baseChartCrdFile: string;
}

/**
 * Value keys the release's Istio charts read although their defaults do not list them: the
 * selectors of the profile values files.
 */
export function profileSelectorKeys(facts: IstioChartFacts): string[] {
  return [
    ...(facts.chartProfiles ? ['profile'] : []),
    ...(facts.compatibilityProfiles ? ['compatibilityVersion'] : []),
    ...(facts.chartPlatformProfiles ? ['global.platform'] : []),
  ];
}
