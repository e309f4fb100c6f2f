import type { IstioReleaseHistory } from './istioMinorFacts';

/**
 * The Istio releases this product renders for and what each one changes. Every fact is taken from
 * the upstream charts and CRDs of the conformance releases (shared/conformance/SOURCES.md).
 *
 * The range starts at 1.17 because older releases lack the served v1 security APIs and the values
 * layout the render packs assume; it ends at the newest line the conformance data covers. Supporting
 * a new release is one entry at the end of `minors` (plus its conformance data when it gets a
 * conformanceRelease). The default stays on the newest line with a final release in the data.
 *
 * `releaseDate` and `endOfLife` come from Istio's "Supported Releases" page
 * (https://istio.io/latest/docs/releases/supported-releases/#support-status-of-istio-releases), as
 * tracked by endoflife.date (products/istio.md).
 */
export const ISTIO_RELEASE_HISTORY: IstioReleaseHistory = {
  baseline: {
    configValidationInIstiod: false,
    telemetryV2WasmKeys: true,
    multiClusterEnabledKey: true,
    istiodRemoteChart: true,
    cniUnderPilot: false,
    chartDefaultsWrapper: '',
    legacyPilotValuesMerged: false,
    baseChartCrdFile: 'crds/crd-all.gen.yaml',
    networkingApiVersion: 'networking.istio.io/v1alpha3',
    securityApiVersion: 'security.istio.io/v1beta1',
    telemetryApiVersion: 'telemetry.istio.io/v1alpha1',
    servedApiVersions: [],
    operatorController: true,
    chartProfiles: false,
    compatibilityProfiles: false,
    compatibilityVersions: [],
    chartPlatformProfiles: false,
    stableProfiles: false,
    ambient: false,
    ambientMultiCluster: false,
    ambientEastWestApiVersion: 'gateway.networking.k8s.io/v1beta1',
    podMonitorDualStackAddress: false,
    podMonitorPodLabel: 'pod_name',
  },
  minors: [
    {
      minor: 17,
      releaseDate: '2023-02-14',
      endOfLife: '2023-10-27',
      conformanceRelease: '1.17.8',
    },
    { minor: 18, releaseDate: '2023-06-07', endOfLife: '2024-01-04' },
    { minor: 19, releaseDate: '2023-09-05', endOfLife: '2024-04-24' },
    {
      minor: 20,
      releaseDate: '2023-11-14',
      endOfLife: '2024-06-25',
      conformanceRelease: '1.20.8',
      changes: { podMonitorDualStackAddress: true },
    },
    {
      minor: 21,
      releaseDate: '2024-03-13',
      endOfLife: '2024-09-27',
      changes: { telemetryV2WasmKeys: false },
    },
    {
      minor: 22,
      releaseDate: '2024-05-13',
      endOfLife: '2025-01-22',
      changes: {
        ambient: true,
        securityApiVersion: 'security.istio.io/v1',
        telemetryApiVersion: 'telemetry.istio.io/v1',
        servedApiVersions: [
          'networking.istio.io/v1',
          'security.istio.io/v1/PeerAuthentication',
          'telemetry.istio.io/v1',
        ],
      },
    },
    {
      minor: 23,
      releaseDate: '2024-08-14',
      endOfLife: '2025-04-16',
      conformanceRelease: '1.23.6',
      changes: {
        configValidationInIstiod: true,
        cniUnderPilot: true,
        chartDefaultsWrapper: 'defaults',
        chartProfiles: true,
        compatibilityProfiles: true,
        compatibilityVersions: ['1.20', '1.21', '1.22'],
        stableProfiles: true,
      },
    },
    {
      minor: 24,
      releaseDate: '2024-11-07',
      endOfLife: '2025-06-24',
      conformanceRelease: '1.24.6',
      changes: {
        operatorController: false,
        istiodRemoteChart: false,
        chartDefaultsWrapper: '_internal_defaults_do_not_set',
        legacyPilotValuesMerged: true,
        baseChartCrdFile: 'files/crd-all.gen.yaml',
        networkingApiVersion: 'networking.istio.io/v1',
        chartPlatformProfiles: true,
        compatibilityVersions: ['1.21', '1.22', '1.23'],
      },
    },
    {
      minor: 25,
      releaseDate: '2025-03-03',
      endOfLife: '2025-09-30',
      changes: { multiClusterEnabledKey: false },
    },
    { minor: 26, releaseDate: '2025-05-08', endOfLife: '2025-12-22' },
    {
      minor: 27,
      releaseDate: '2025-08-11',
      endOfLife: '2026-03-30',
      conformanceRelease: '1.27.9',
      changes: {
        ambientMultiCluster: true,
        podMonitorPodLabel: 'pod',
        compatibilityVersions: ['1.24', '1.25', '1.26'],
      },
    },
    { minor: 28, releaseDate: '2025-11-05', endOfLife: '2026-05-31' },
    { minor: 29, releaseDate: '2026-02-16', endOfLife: '2026-08-31' },
    {
      minor: 30,
      releaseDate: '2026-05-18',
      conformanceRelease: '1.30.3',
      changes: {
        ambientEastWestApiVersion: 'gateway.networking.k8s.io/v1',
        compatibilityVersions: ['1.25', '1.26', '1.27', '1.28', '1.29'],
        gatewayApiVersion: 'v1.5.1',
      },
    },
    {
      minor: 31,
      // No final 1.31 tag is in the data: its charts and CRDs are 1.31.0-rc.0's, whose manifests
      // equal the release-1.31 branch head, so 1.31.x is accepted with these facts. The release
      // date of 1.31.0 and the line's end of life are not recorded there, so both stay unset.
      conformanceRelease: '1.31.0-rc.0',
      changes: {
        compatibilityVersions: ['1.25', '1.26', '1.27', '1.28', '1.29', '1.30'],
        gatewayApiVersion: 'v1.6.0',
      },
    },
  ],
  // The newest release the product validates: 1.31.0, checked against 1.31.0-rc.0's charts and CRDs.
  defaultVersion: '1.31.0',
};
