import type { IstioMinorFacts, IstioReleaseHistory } from './istioMinorFacts';
import { ISTIO_RELEASE_HISTORY } from './istioReleaseHistory';
import { parseIstioVersion, type IstioVersion } from './istioVersion';

/** Every supported release is an Istio 1.x; lines are told apart by their minor. */
const ISTIO_MAJOR = 1;

/**
 * The supported Istio releases and everything that changes between them, resolved per minor
 * line. The spec schema, render, validate and conformance checks all read one of these; pass a
 * different one (built with {@link createIstioReleaseFacts}) to work with other releases.
 */
export interface IstioReleaseFacts {
  /** The history these facts were resolved from, to build variants of it. */
  readonly history: IstioReleaseHistory;
  /** Every supported minor line, oldest first. */
  readonly lines: readonly IstioMinorFacts[];
  /** The version a spec gets when it names none. */
  readonly defaultVersion: string;
  /** Human-readable supported range, e.g. `1.17.x–1.30.x`, for messages and docs. */
  readonly supportedRange: string;
  /**
   * The line of a supported release version (`1.N.P`, or one already parsed); undefined for
   * anything else. Its `releaseDate` and `endOfLife` give the line's upstream support window.
   */
  lineOf(version: string | IstioVersion): IstioMinorFacts | undefined;
  /**
   * The line of a supported release version.
   *
   * @throws Error when the version is not a supported release
   */
  factsFor(version: string): IstioMinorFacts;
  /**
   * The oldest supported minor for which `holds` is true; one past the newest when none is, as
   * the fact can only arrive with a later release. For messages such as "needs Istio 1.22".
   */
  firstMinorWhere(holds: (line: IstioMinorFacts) => boolean): number;
  /**
   * The conformance release a version is checked against: its own line's, else that of the nearest
   * older line that has one.
   */
  conformanceReleaseFor(version: string): string | undefined;
}

function resolveLines(history: IstioReleaseHistory): IstioMinorFacts[] {
  let facts = history.baseline;
  let previous: number | undefined;
  return history.minors.map(({ changes, ...entry }) => {
    if (previous !== undefined && entry.minor <= previous) {
      throw new Error(
        `Istio release history: 1.${entry.minor} must come after 1.${previous}`,
      );
    }
    previous = entry.minor;
    facts = { ...facts, ...changes };
    return { ...facts, ...entry };
  });
}

/**
 * Resolves a release history into per-line facts.
 *
 * @throws Error when the history lists no line, lines out of order, or an unsupported default
 */
export function createIstioReleaseFacts(
  history: IstioReleaseHistory,
): IstioReleaseFacts {
  const lines = resolveLines(history);
  if (lines.length === 0) {
    throw new Error('Istio release history: lists no release line');
  }
  const byMinor = new Map(lines.map(line => [line.minor, line]));
  const minorOf = (version: string | IstioVersion) => {
    const parsed =
      typeof version === 'string' ? parseIstioVersion(version) : version;
    return parsed?.major === ISTIO_MAJOR ? parsed.minor : undefined;
  };
  const lineOf = (version: string | IstioVersion) =>
    byMinor.get(minorOf(version) ?? -1);
  if (!lineOf(history.defaultVersion)) {
    throw new Error(
      `Istio release history: default ${history.defaultVersion} is not a supported release`,
    );
  }
  const oldest = lines[0].minor;
  const newest = lines[lines.length - 1].minor;
  const supportedRange = `${ISTIO_MAJOR}.${oldest}.x–${ISTIO_MAJOR}.${newest}.x`;
  return {
    history,
    lines,
    defaultVersion: history.defaultVersion,
    supportedRange,
    lineOf,
    factsFor(version) {
      const line = lineOf(version);
      if (!line) {
        throw new Error(
          `Istio ${version} is not a supported release (${supportedRange})`,
        );
      }
      return line;
    },
    firstMinorWhere: holds => lines.find(holds)?.minor ?? newest + 1,
    conformanceReleaseFor(version) {
      const minor = minorOf(version);
      if (minor === undefined) return undefined;
      return lines.filter(l => l.minor <= minor && l.conformanceRelease).pop()
        ?.conformanceRelease;
    },
  };
}

/** The releases this product supports. */
export const ISTIO_RELEASE_FACTS = createIstioReleaseFacts(
  ISTIO_RELEASE_HISTORY,
);
