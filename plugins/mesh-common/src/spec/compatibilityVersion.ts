import type { z } from 'zod';
import type { IstioChartFacts } from '../istio/istioChartFacts';
import type { IstioMinorFacts } from '../istio/istioMinorFacts';
import { formattedString } from './formattedString';

const ISTIO_MINOR = /^1\.(0|[1-9][0-9]?)$/;

/**
 * `istio.compatibilityVersion`: an Istio minor release `1.N`, the name of a compatibility profile
 * (the charts' `files/profile-compatibility-version-1.N.yaml`).
 */
export function compatibilityVersion() {
  return formattedString(
    16,
    value => ISTIO_MINOR.test(value),
    'an Istio minor release 1.N (e.g. 1.29), the compatibility profile to keep',
  );
}

/** The compatibility profiles a release's charts ship, as a range (`1.25–1.29`) or `none`. */
export function offeredCompatibilityVersions(
  facts: Pick<IstioChartFacts, 'compatibilityVersions'>,
): string {
  const offered = facts.compatibilityVersions;
  if (offered.length === 0) return 'none';
  const [oldest, newest] = [offered[0], offered[offered.length - 1]];
  return oldest === newest ? oldest : `${oldest}–${newest}`;
}

/**
 * A compatibility profile makes istiod keep the defaults of an older release (Istio's
 * "Compatibility Versions" setup page), so it must be older than the running release and one its
 * charts still ship: each release drops the profiles of releases past their end of life.
 */
export function checkCompatibilityVersion(
  istio: { version: string; compatibilityVersion?: string },
  release: Pick<IstioMinorFacts, 'minor' | 'compatibilityVersions'>,
  ctx: z.RefinementCtx,
) {
  const wanted = istio.compatibilityVersion;
  // A malformed value already has its format issue.
  if (
    wanted === undefined ||
    !ISTIO_MINOR.test(wanted) ||
    release.compatibilityVersions.includes(wanted)
  ) {
    return;
  }
  const offered = offeredCompatibilityVersions(release);
  const reason =
    Number(wanted.split('.')[1]) >= release.minor
      ? `${wanted} is not older than Istio ${istio.version}: a compatibility profile keeps an older release's behaviour`
      : `${wanted} is not a compatibility profile of Istio ${istio.version}`;
  ctx.addIssue({
    code: 'custom',
    path: ['compatibilityVersion'],
    message: `${reason} (it offers ${offered}); unset it or pick one it offers`,
  });
}
