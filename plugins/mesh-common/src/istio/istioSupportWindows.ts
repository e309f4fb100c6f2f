/**
 * When each Istio minor line was released and when upstream support ends, from Istio's
 * "Supported Releases" page (https://istio.io/latest/docs/releases/supported-releases/#support-status-of-istio-releases),
 * as tracked by endoflife.date (products/istio.md). A line whose end of life is not announced yet
 * has no `endOfLife`. Dates are UTC days (YYYY-MM-DD).
 */

/** @public */
export interface IstioSupportWindow {
  minor: number;
  released: string;
  endOfLife?: string;
}

/** @public */
export const ISTIO_SUPPORT_WINDOWS: readonly IstioSupportWindow[] = [
  { minor: 17, released: '2023-02-14', endOfLife: '2023-10-27' },
  { minor: 18, released: '2023-06-07', endOfLife: '2024-01-04' },
  { minor: 19, released: '2023-09-05', endOfLife: '2024-04-24' },
  { minor: 20, released: '2023-11-14', endOfLife: '2024-06-25' },
  { minor: 21, released: '2024-03-13', endOfLife: '2024-09-27' },
  { minor: 22, released: '2024-05-13', endOfLife: '2025-01-22' },
  { minor: 23, released: '2024-08-14', endOfLife: '2025-04-16' },
  { minor: 24, released: '2024-11-07', endOfLife: '2025-06-24' },
  { minor: 25, released: '2025-03-03', endOfLife: '2025-09-30' },
  { minor: 26, released: '2025-05-08', endOfLife: '2025-12-22' },
  { minor: 27, released: '2025-08-11', endOfLife: '2026-03-30' },
  { minor: 28, released: '2025-11-05', endOfLife: '2026-05-31' },
  { minor: 29, released: '2026-02-16', endOfLife: '2026-08-31' },
  { minor: 30, released: '2026-05-18' },
];

/** The support window of a `1.N[.P]` version (a leading `v` is allowed); undefined when unknown. @public */
export function istioSupportWindowOf(
  version: string,
): IstioSupportWindow | undefined {
  const match = /^v?1\.(\d+)(?:\.|$)/.exec(version);
  if (!match) return undefined;
  return ISTIO_SUPPORT_WINDOWS.find(w => w.minor === Number(match[1]));
}
