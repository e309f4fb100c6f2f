import fs from 'node:fs';
import path from 'node:path';
import { SAIL_OPERATOR_FACTS } from '@mesh-templates/plugin-mesh-common';
import type { MeshBundle } from '../bundle/meshBundle';

/** The chart the Sail Operator installs itself with. */
export const SAIL_OPERATOR_CHART = 'sail-operator';

function sailReleaseDir(dir: string): string {
  return path.join(dir, 'sail-operator', SAIL_OPERATOR_FACTS.operatorVersion);
}

/** Whether the bundle installs Istio through the Sail Operator. */
export function usesSailOperator(bundle: MeshBundle): boolean {
  return (
    bundle.helmValues.some(v => v.chart === SAIL_OPERATOR_CHART) ||
    bundle.objects.some(o =>
      o.object.apiVersion.startsWith(
        `${SAIL_OPERATOR_FACTS.apiVersion.split('/')[0]}/`,
      ),
    )
  );
}

/**
 * The CRDs the sail-operator chart ships (chart/crds of the Sail release the product renders).
 *
 * @throws Error when the release is missing from the data, so a Sail bundle is never left unchecked
 */
export function sailCrdFiles(dir: string): string[] {
  const crds = path.join(sailReleaseDir(dir), 'chart', 'crds');
  if (!fs.existsSync(crds)) {
    throw new Error(
      `no Sail Operator ${SAIL_OPERATOR_FACTS.operatorVersion} CRDs at ${crds}`,
    );
  }
  return fs
    .readdirSync(crds)
    .filter(file => file.endsWith('.yaml'))
    .sort()
    .map(file => path.join(crds, file));
}

/** The sail-operator chart's default values. */
export function sailChartValuesFile(dir: string): string {
  return path.join(sailReleaseDir(dir), 'chart', 'values.yaml');
}
