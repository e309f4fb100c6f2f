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

/**
 * The release a running Istio build was cut from, read from the version it reports (`istio_build`'s
 * tag, a proxy's version): vendor builds add a `v` or a pre-release or build suffix (`1.22.1-solo`)
 * to the release they are cut from, and that release still names their line. Undefined for
 * anything that is not a semantic version.
 */
export function parseReportedIstioVersion(
  reported: string,
): IstioVersion | undefined {
  const version = parse(reported);
  return version
    ? parseIstioVersion(`${version.major}.${version.minor}.${version.patch}`)
    : undefined;
}
