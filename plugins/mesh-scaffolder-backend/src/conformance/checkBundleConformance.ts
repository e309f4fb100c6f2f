import type { ValidateFunction } from 'ajv';
import type { MeshBundle } from '../bundle/meshBundle';
import { fieldPathFromPointer } from '../validate/fieldPath';
import { objectSubject, valuesSubject } from '../validate/problemSubject';
import {
  compileGatewayValuesSchema,
  readDefaultValues,
  unknownValuePaths,
} from './chartValues';
import {
  addonCrdFiles,
  conformanceIstioVersion,
  istioFiles,
  tempoValuesFile,
} from './conformanceData';
import {
  compileCrdValidators,
  createSchemaCompiler,
  readCrdSchemas,
} from './crdSchemas';

/** Maps Istio's charts pass through unchecked (mesh config, pod metadata, Kubernetes specs). */
const istioFreeForm = new Set([
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

/** The tempo chart passes its receivers block straight into Tempo's config. */
const tempoFreeForm = new Set(['tempo.receivers']);

export interface ConformanceReport {
  /** Istio release of the conformance data used. */
  istioVersion: string;
  /** `file subject path: message`, one per problem. */
  problems: string[];
  /** What was checked against upstream data, e.g. `networking.istio.io/v1/Gateway`, `values:gateway`. */
  checked: Set<string>;
  /** Objects and values files with no upstream data here (left to the runtime validator). */
  unchecked: Set<string>;
}

function ajvProblems(
  validate: ValidateFunction,
  data: unknown,
  prefix: string,
): string[] {
  if (validate(data)) return [];
  return (validate.errors ?? []).map(error => {
    const extra =
      error.keyword === 'additionalProperties'
        ? `.${String(error.params.additionalProperty)}`
        : '';
    const path = `${fieldPathFromPointer(error.instancePath)}${extra}`.replace(
      /^\./,
      '',
    );
    const message =
      error.keyword === 'additionalProperties'
        ? 'unknown field (not in the upstream schema)'
        : error.message ?? error.keyword;
    return `${prefix} ${path || '(root)'}: ${message}`;
  });
}

/**
 * Checks a bundle against the upstream data for its Istio release: every object whose CRD is in
 * the data against that CRD's served version (unknown fields are errors), Istio gateway values
 * against the chart's values.schema.json, istiod/base/kiali-server/tempo values by key against the
 * chart's defaults (kiali-server against the Kiali CRD's spec schema).
 */
export function checkBundleConformance(
  bundle: MeshBundle,
  dir: string,
  istioVersion: string,
): ConformanceReport {
  const version = conformanceIstioVersion(dir, istioVersion);
  const files = istioFiles(dir, version);
  const crdFiles = [
    files.crds,
    ...addonCrdFiles(dir),
    ...(files.operatorCrd ? [files.operatorCrd] : []),
  ];
  const validators = compileCrdValidators(crdFiles);
  const report: ConformanceReport = {
    istioVersion: version,
    problems: [],
    checked: new Set(),
    unchecked: new Set(),
  };

  for (const { file, object } of bundle.objects) {
    const key = `${object.apiVersion}/${object.kind}`;
    const validate = validators.get(key);
    if (!validate) {
      report.unchecked.add(key);
      continue;
    }
    report.checked.add(key);
    report.problems.push(
      ...ajvProblems(validate, object, `${file} ${objectSubject(object)}`),
    );
  }

  const gatewayValues = compileGatewayValuesSchema(files.gatewaySchema);
  const kialiSpec = readCrdSchemas(addonCrdFiles(dir)).find(
    s => s.kind === 'Kiali',
  )?.schema.properties as Record<string, Record<string, unknown>> | undefined;
  const kialiValues = kialiSpec
    ? createSchemaCompiler()(kialiSpec.spec)
    : undefined;
  const defaultsByChart: Record<string, string | undefined> = {
    base: files.baseValues,
    istiod: files.istiodValues,
    'istiod-remote': files.istiodRemoteValues ?? files.istiodValues,
  };
  for (const values of bundle.helmValues) {
    const prefix = `${values.file} ${valuesSubject(values)}`;
    const defaultsFile =
      values.chart === 'tempo'
        ? tempoValuesFile(dir, values.chartVersion)
        : defaultsByChart[values.chart];
    if (values.chart === 'gateway') {
      report.problems.push(
        ...ajvProblems(gatewayValues, values.values, prefix),
      );
    } else if (values.chart === 'kiali-server' && kialiValues) {
      report.problems.push(...ajvProblems(kialiValues, values.values, prefix));
    } else if (defaultsFile) {
      const defaults = readDefaultValues(defaultsFile);
      const freeForm = values.chart === 'tempo' ? tempoFreeForm : istioFreeForm;
      const minor = Number(version.split('.')[1]);
      let unknown = unknownValuePaths(values.values, defaults, freeForm);
      if (values.chart !== 'tempo' && minor >= 23) {
        // From 1.23 the charts read `profile` and `compatibilityVersion` (chart profiles), and
        // from 1.24 still merge a legacy `pilot:` block into the top level.
        unknown = unknown.filter(
          p =>
            !['profile', 'compatibilityVersion', 'global.platform'].includes(p),
        );
        const pilot = values.values.pilot;
        if (minor >= 24 && typeof pilot === 'object' && pilot !== null) {
          unknown = unknown.filter(p => p !== 'pilot');
          unknown.push(
            ...unknownValuePaths(pilot, defaults, freeForm).map(
              p => `pilot.${p}`,
            ),
          );
        }
      }
      report.problems.push(
        ...unknown.map(
          path => `${prefix} ${path}: not a key of the chart's default values`,
        ),
      );
    } else {
      report.unchecked.add(`values:${values.chart}`);
      continue;
    }
    report.checked.add(`values:${values.chart}`);
  }
  return report;
}
