/**
 * The Istio Helm charts the bundle carries values for. `istiod-remote` exists only while a
 * line's `istiodRemoteChart` fact holds.
 */
export const ISTIO_CHART_NAMES = [
  'base',
  'istiod',
  'istiod-remote',
  'gateway',
  'cni',
  'ztunnel',
] as const;
