import type { IstioApiFacts } from './istioApiFacts';
import type { IstioChartFacts } from './istioChartFacts';
import type { IstioInstallFacts } from './istioInstallFacts';
import type { IstioMonitoringFacts } from './istioMonitoringFacts';

/** Every fact that may change from one Istio minor release to the next. */
export type IstioVersionedFacts = IstioChartFacts &
  IstioApiFacts &
  IstioInstallFacts &
  IstioMonitoringFacts;

/**
 * One supported Istio 1.x minor release line as recorded in the history. Facts about the line
 * itself (release and end-of-life dates, say) go here as fields next to `conformanceRelease`; they
 * are carried into {@link IstioMinorFacts} unchanged.
 */
export interface IstioMinorEntry {
  /** The minor version N of Istio 1.N. */
  minor: number;
  /**
   * The release of this line whose upstream charts and CRDs are kept in the conformance data
   * (shared/conformance/istio/<release>): a patch release, or a release candidate while the line
   * has no final tag there. Lines without one are checked against the nearest older line that has
   * one.
   */
  conformanceRelease?: string;
  /** The day (UTC, YYYY-MM-DD) upstream released the line's first patch. */
  releaseDate?: string;
  /**
   * The day (UTC, YYYY-MM-DD) upstream support for the line ends: no security fixes after it.
   * Absent while upstream has not announced it.
   */
  endOfLife?: string;
  /** What this line changes relative to the line before it; the first line changes the baseline. */
  changes?: Partial<IstioVersionedFacts>;
}

/** Everything known about one minor release line: its entry plus every fact resolved. */
export type IstioMinorFacts = Omit<IstioMinorEntry, 'changes'> &
  IstioVersionedFacts;

/** The supported releases as a changelog: the oldest line's facts, then each line's changes. */
export interface IstioReleaseHistory {
  /** Every fact as it holds for the first entry of `minors` before its own changes. */
  baseline: IstioVersionedFacts;
  /** Supported minor release lines, oldest first, each newer than the one before. */
  minors: readonly IstioMinorEntry[];
  /** The version a spec gets when it names none: the current stable release. */
  defaultVersion: string;
}
