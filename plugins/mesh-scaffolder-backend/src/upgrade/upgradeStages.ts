/** The stages of a staged Istio upgrade, in the order they run. */
export const UPGRADE_STAGES = [
  'precheck',
  'canary',
  'move',
  'promote',
  'cleanup',
] as const;

/** One stage of a staged Istio upgrade. */
export type UpgradeStage = (typeof UPGRADE_STAGES)[number];

/** Whether a string names an upgrade stage. */
export function isUpgradeStage(value: string): value is UpgradeStage {
  return (UPGRADE_STAGES as readonly string[]).includes(value);
}

/** Istio's revision naming for a release (`1.31.0` → `1-31-0`), as its canary docs use. */
export function revisionNameFor(version: string): string {
  return version.replace(/\./g, '-');
}
