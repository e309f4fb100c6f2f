import { Config } from '@backstage/config';
import {
  defaultUpgradeGateThresholds,
  HealthThresholds,
  UpgradeGateThresholds,
} from '@mesh-templates/plugin-mesh-common';

/** `mesh.upgradeGate`, each limit defaulting to the (configured) health thresholds'. */
export function readUpgradeGateThresholds(
  gateConfig: Config | undefined,
  health: HealthThresholds,
): UpgradeGateThresholds {
  const defaults = defaultUpgradeGateThresholds(health);
  const read = (key: keyof UpgradeGateThresholds) => {
    const value = gateConfig?.getOptionalNumber(key) ?? defaults[key];
    if (!(value >= 0))
      throw new Error(
        `Invalid config at 'mesh.upgradeGate.${key}': must be a number of at least 0`,
      );
    return value;
  };
  return {
    xdsRejectsPerMinute: read('xdsRejectsPerMinute'),
    errorRate5xxIncrease: read('errorRate5xxIncrease'),
  };
}
