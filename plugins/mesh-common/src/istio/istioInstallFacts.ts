/** What a release offers to install: the operator, profiles and the ambient data plane. */
export interface IstioInstallFacts {
  /** The in-cluster IstioOperator controller exists up to 1.23; 1.24 removed it and its chart. */
  operatorController: boolean;
  /** The `stable` and `openshift-ambient` profiles first ship with 1.23. */
  stableProfiles: boolean;
  /** Ambient mode reached beta in 1.22 (1.17's ambient profile only set HBONE env; 1.20's was alpha). */
  ambient: boolean;
  /** The ambient east-west gateway (HBONE on 15008) first ships with 1.27. */
  ambientMultiCluster: boolean;
  /**
   * apiVersion of the Gateway API Gateway that serves as the ambient east-west gateway (1.27+):
   * Istio's generator writes v1beta1 in 1.27 and v1 in 1.30.
   */
  ambientEastWestApiVersion: string;
  /**
   * The Gateway API release whose CRDs the line's istiod is built and tested against (its go.mod
   * `sigs.k8s.io/gateway-api` and its test CRD bundle): v1.5.1 for 1.30, v1.6.0 for 1.31, whose
   * istiod ignores TCPRoute CRDs older than v1.6.0. Undefined where the conformance data does not
   * record it; the bundle then names no exact version.
   */
  gatewayApiVersion?: string;
}
