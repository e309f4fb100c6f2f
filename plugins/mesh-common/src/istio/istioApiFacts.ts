/** Which Istio API versions a release serves and which ones the rendered objects use. */
export interface IstioApiFacts {
  /** apiVersion of Istio networking objects as the samples write them (v1 from 1.24). */
  networkingApiVersion: string;
  /** PeerAuthentication apiVersion: v1 is served from 1.22. */
  securityApiVersion: string;
  /** Telemetry apiVersion: v1 is served from 1.22. */
  telemetryApiVersion: string;
  /**
   * The API versions (`group/version`, or `group/version/Kind` where only some kinds moved) that
   * older supported releases do not serve; an older control plane rejects objects using them.
   */
  servedApiVersions: readonly string[];
}
