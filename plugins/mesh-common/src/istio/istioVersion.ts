import { parse } from 'semver';

/** A parsed Istio release version. */
export interface IstioVersion {
  major: number;
  minor: number;
  patch: number;
}

/**
 * Parses a release version `MAJOR.MINOR.PATCH` exactly as written; undefined for anything else.
 * A `v` prefix, surrounding space, pre-release or build suffix is refused, because charts and
 * images are published under the plain release name and pre-releases are not supported.
 */
export function parseIstioVersion(text: string): IstioVersion | undefined {
  const version = parse(text);
  if (
    !version ||
    version.version !== text ||
    version.prerelease.length > 0 ||
    version.build.length > 0
  ) {
    return undefined;
  }
  return { major: version.major, minor: version.minor, patch: version.patch };
}
