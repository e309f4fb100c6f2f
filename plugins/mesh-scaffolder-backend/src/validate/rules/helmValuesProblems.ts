import {
  ISTIO_CHART_NAMES,
  ISTIO_RELEASE_FACTS,
  type IstioReleaseFacts,
} from '@mesh-templates/plugin-mesh-common';
import type { BundleHelmValues } from '../../bundle/meshBundle';
import type { FieldProblem } from '../fieldProblem';
import { fieldPath } from '../fieldPath';

/** Charts the bundle may carry values for; values for any other chart have nothing to check them. */
export const knownCharts = new Set<string>([
  ...ISTIO_CHART_NAMES,
  'kiali-server',
  'kiali-operator',
  'tempo',
  'kube-prometheus-stack',
  'rancher-monitoring',
  'grafana',
  'jaeger',
  'opentelemetry-operator',
  'cert-manager',
  'metallb',
  'sail-operator',
]);

const istioCharts = new Set<string>(ISTIO_CHART_NAMES);

/**
 * The wrappers Istio charts keep their defaults under, in any supported release (`defaults` in
 * 1.23, `_internal_defaults_do_not_set` from 1.24); a value put there replaces every default.
 */
function istioInternalKeys(releaseFacts: IstioReleaseFacts): Set<string> {
  return new Set(
    releaseFacts.lines.map(l => l.chartDefaultsWrapper).filter(Boolean),
  );
}

function valueProblems(value: unknown, segments: string[]): FieldProblem[] {
  if (
    value === null ||
    ['string', 'number', 'boolean'].includes(typeof value)
  ) {
    if (typeof value === 'number' && !Number.isFinite(value)) {
      return [
        { path: fieldPath(segments), message: 'must be a finite number' },
      ];
    }
    return [];
  }
  if (Array.isArray(value)) {
    return value.flatMap((item, i) =>
      valueProblems(item, [...segments, String(i)]),
    );
  }
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>).flatMap(
      ([key, child]) => {
        if (key === '')
          return [{ path: fieldPath(segments), message: 'has an empty key' }];
        return valueProblems(child, [...segments, key]);
      },
    );
  }
  return [
    {
      path: fieldPath(segments),
      message: `is a ${typeof value}, which YAML values cannot hold`,
    },
  ];
}

/**
 * Runtime check of Helm values: known chart, a version, plain YAML data, no Istio internal
 * wrapper keys. Which keys each chart version accepts is checked exactly by the conformance
 * suite against the charts' own values files and schemas, which are not shipped with the package.
 */
export function helmValuesProblems(
  values: BundleHelmValues,
  releaseFacts: IstioReleaseFacts = ISTIO_RELEASE_FACTS,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!knownCharts.has(values.chart)) {
    problems.push({
      path: '',
      message: `chart "${values.chart}" is not one the bundle knows (${[
        ...knownCharts,
      ].join(', ')})`,
    });
  }
  if (!values.chartVersion) {
    problems.push({
      path: '',
      message:
        'names no chart version; values are only valid for the version they were written for',
    });
  }
  if (
    typeof values.values !== 'object' ||
    values.values === null ||
    Array.isArray(values.values)
  ) {
    return [
      ...problems,
      { path: '', message: 'values must be a YAML mapping' },
    ];
  }
  if (istioCharts.has(values.chart)) {
    for (const key of istioInternalKeys(releaseFacts)) {
      if (key in values.values) {
        problems.push({
          path: key,
          message: `is the chart's internal defaults wrapper and must not be set; put the keys at the top level`,
        });
      }
    }
  }
  problems.push(...valueProblems(values.values, []));
  return problems;
}
