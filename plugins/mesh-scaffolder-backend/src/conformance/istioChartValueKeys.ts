import {
  type IstioChartFacts,
  profileSelectorKeys,
} from '@mesh-templates/plugin-mesh-common';
import { isRecord, unknownValuePaths } from './chartValues';

type Values = Record<string, unknown>;

/** Maps Istio's charts pass through unchecked (mesh config, pod metadata, Kubernetes specs). */
export const ISTIO_FREE_FORM: ReadonlySet<string> = new Set([
  'meshConfig',
  'podAnnotations',
  'podLabels',
  'labels',
  'annotations',
  'serviceAnnotations',
  'env',
  'nodeSelector',
  'tolerations',
  'affinity',
  'resources',
  'revisionTags',
  'global.proxy.resources',
]);

/** The defaults of an Istio chart's values.yaml, taken out of the release's defaults wrapper. */
function chartDefaults(valuesFile: Values, facts: IstioChartFacts): Values {
  const wrapped = facts.chartDefaultsWrapper
    ? valuesFile[facts.chartDefaultsWrapper]
    : undefined;
  return isRecord(wrapped) ? wrapped : valuesFile;
}

/**
 * Key paths of Istio chart values that the chart of this release does not read: keys missing from
 * the chart's defaults, except the profile selectors the release's charts read without a default.
 * Where the release still merges a legacy top-level `pilot:` block, its keys count as top-level.
 *
 * @param valuesFile - the chart's values.yaml as written, defaults wrapper included
 */
export function unknownIstioChartValueKeys(
  values: Values,
  valuesFile: Values,
  facts: IstioChartFacts,
  freeForm: ReadonlySet<string> = ISTIO_FREE_FORM,
): string[] {
  const defaults = chartDefaults(valuesFile, facts);
  const selectors = new Set(profileSelectorKeys(facts));
  let unknown = unknownValuePaths(values, defaults, freeForm);
  const { pilot } = values;
  if (facts.legacyPilotValuesMerged && isRecord(pilot)) {
    unknown = unknown.filter(path => path !== 'pilot');
    unknown.push(
      ...unknownValuePaths(pilot, defaults, freeForm).map(p => `pilot.${p}`),
    );
  }
  return unknown.filter(path => !selectors.has(path));
}
