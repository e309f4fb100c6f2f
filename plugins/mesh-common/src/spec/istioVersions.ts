import { z } from 'zod';

/**
 * The Istio releases this product renders for, and the version-dependent facts the schema enforces.
 *
 * The range starts at 1.17 because older releases lack the served v1 security APIs and the values
 * layout the render packs assume; it ends at the current stable line.
 */

/** Minor versions of Istio 1.x that specs may target, oldest first. */
export const SUPPORTED_ISTIO_MINOR_VERSIONS = [
  17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30,
] as const;

/** Patch releases whose upstream charts and CRDs the render output is checked against. */
export const CONFORMANCE_ISTIO_VERSIONS = [
  '1.17.8',
  '1.20.8',
  '1.23.6',
  '1.24.6',
  '1.27.9',
  '1.30.3',
] as const;

/** The version a spec gets when it names none: the current stable release. */
export const DEFAULT_ISTIO_VERSION = '1.30.3';

/** Human-readable supported range, used in messages and docs. */
export const SUPPORTED_ISTIO_RANGE = '1.17.x–1.30.x';

/** Istio 1.24 removed the in-cluster IstioOperator controller and its chart. */
export const LAST_ISTIO_MINOR_WITH_OPERATOR_CONTROLLER = 23;

/**
 * Ambient mode reached beta in 1.22 (1.17's ambient profile only set HBONE env; 1.20's was alpha).
 */
export const FIRST_ISTIO_MINOR_WITH_AMBIENT = 22;

/** The ambient east-west gateway (HBONE on 15008) first ships with 1.27. */
export const FIRST_ISTIO_MINOR_WITH_AMBIENT_MULTICLUSTER = 27;

/** The `stable` and `openshift-ambient` profiles first ship with 1.23. */
export const FIRST_ISTIO_MINOR_WITH_STABLE_PROFILES = 23;

/** A parsed Istio release version. */
export interface IstioVersion {
  major: number;
  minor: number;
  patch: number;
}

const RELEASE_VERSION =
  /^(0|[1-9][0-9]{0,2})\.(0|[1-9][0-9]{0,2})\.(0|[1-9][0-9]{0,2})$/;

/** Parses `MAJOR.MINOR.PATCH`; undefined for anything else (pre-releases included). */
export function parseIstioVersion(text: string): IstioVersion | undefined {
  const match = RELEASE_VERSION.exec(text);
  if (!match) {
    return undefined;
  }
  return {
    major: Number(match[1]),
    minor: Number(match[2]),
    patch: Number(match[3]),
  };
}

/** True for a 1.N.P release whose minor is in {@link SUPPORTED_ISTIO_MINOR_VERSIONS}. */
export function isSupportedIstioVersion(text: string): boolean {
  const version = parseIstioVersion(text);
  return (
    version !== undefined &&
    version.major === 1 &&
    (SUPPORTED_ISTIO_MINOR_VERSIONS as readonly number[]).includes(
      version.minor,
    )
  );
}

/** The minor version of a supported release; call only after validation. */
export function istioMinorVersion(text: string): number {
  return parseIstioVersion(text)?.minor ?? 0;
}

/** An Istio release version within the supported range. */
export const istioVersionSchema = z
  .string({
    error: `must be an Istio release version 1.N.P; supported: ${SUPPORTED_ISTIO_RANGE}`,
  })
  .superRefine((value, ctx) => {
    if (parseIstioVersion(value) === undefined) {
      ctx.addIssue({
        code: 'custom',
        message: `must be an Istio release version 1.N.P (no pre-releases); supported: ${SUPPORTED_ISTIO_RANGE}`,
      });
    } else if (!isSupportedIstioVersion(value)) {
      // Safe to echo: the value matched the digits-and-dots pattern above.
      ctx.addIssue({
        code: 'custom',
        message: `${value} is not supported; supported: ${SUPPORTED_ISTIO_RANGE}`,
      });
    }
  });
