import { lt, gt } from 'semver';
import { parseIstioVersion } from './istioVersion';

/**
 * The Sail Operator release rendered for `installMethod: sail` and the Istio releases it installs:
 * its pkg/istioversion/versions.yaml and the CRDs' `spec.version` enum stop at v1.30.3, and older
 * lines listed there are end-of-life entries kept only as valid input, with no charts to install.
 */
export interface SailOperatorFacts {
  /** Version of the `sail-operator` chart and of the operator image. */
  operatorVersion: string;
  /** apiVersion of Istio, IstioRevisionTag, IstioCNI and ZTunnel in this release. */
  apiVersion: string;
  /** Oldest Istio release the operator installs. */
  oldestIstioVersion: string;
  /** Newest Istio release the operator installs. */
  newestIstioVersion: string;
}

export const SAIL_OPERATOR_FACTS: SailOperatorFacts = {
  operatorVersion: '1.30.3',
  apiVersion: 'sailoperator.io/v1',
  oldestIstioVersion: '1.28.0',
  newestIstioVersion: '1.30.3',
};

/** Whether the Sail Operator release installs an Istio release version (`1.N.P`). */
export function sailInstallsIstio(
  version: string,
  sail: SailOperatorFacts = SAIL_OPERATOR_FACTS,
): boolean {
  return (
    parseIstioVersion(version) !== undefined &&
    !lt(version, sail.oldestIstioVersion) &&
    !gt(version, sail.newestIstioVersion)
  );
}

/** The Istio version as the Sail CRDs spell it (`v1.30.3`). */
export function sailIstioVersion(version: string): string {
  return `v${version}`;
}

/**
 * The IstioRevision Sail creates for an `Istio` resource at a version under the RevisionBased
 * strategy: `<Istio name>-v<x-y-z>` (update-strategy doc: `default-v1-26-0`).
 */
export function sailRevisionName(istioName: string, version: string): string {
  return `${istioName}-v${version.replace(/\./g, '-')}`;
}
