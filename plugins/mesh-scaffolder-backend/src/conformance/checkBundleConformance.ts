import type { ValidateFunction } from 'ajv';
import {
  ISTIO_RELEASE_FACTS,
  type IstioMinorFacts,
  type IstioReleaseFacts,
} from '@mesh-templates/plugin-mesh-common';
import type { BundleHelmValues, MeshBundle } from '../bundle/meshBundle';
import { rendersGatewayApi } from '../render/packs/gatewayApiCrdsPack';
import { fieldPathFromPointer } from '../validate/fieldPath';
import { objectSubject, valuesSubject } from '../validate/problemSubject';
import {
  compileGatewayValuesSchema,
  readValuesFile,
  unknownValuePaths,
} from './chartValues';
import {
  addonCrdFiles,
  conformanceIstioVersion,
  conformanceReleaseFacts,
  istioFiles,
  tempoValuesFile,
} from './conformanceData';
import {
  compileCrdValidators,
  createSchemaCompiler,
  readCrdSchemas,
} from './crdSchemas';
import {
  gatewayApiCrdFiles,
  gatewayApiProblems,
} from './gatewayApiConformance';
import { unknownIstioChartValueKeys } from './istioChartValueKeys';
import {
  SAIL_OPERATOR_CHART,
  sailChartValuesFile,
  sailCrdFiles,
  usesSailOperator,
} from './sailConformance';

/** The tempo chart passes its receivers block straight into Tempo's config. */
const tempoFreeForm: ReadonlySet<string> = new Set(['tempo.receivers']);

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

/** Every object whose CRD is in the data, against that CRD's served version. */
function checkObjects(
  bundle: MeshBundle,
  crdFiles: string[],
  report: ConformanceReport,
): void {
  const validators = compileCrdValidators(crdFiles);
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
}

/**
 * The check of one values file against the upstream data: Istio gateway values against the
 * chart's values.schema.json, kiali-server values against the Kiali CRD's spec schema, Istio and
 * tempo values by key against the chart's defaults. Undefined when the data has nothing for it.
 */
function valuesChecker(
  dir: string,
  files: ReturnType<typeof istioFiles>,
  facts: IstioMinorFacts,
): (values: BundleHelmValues, prefix: string) => string[] | undefined {
  const gatewayValues = compileGatewayValuesSchema(files.gatewaySchema);
  const kialiSpec = readCrdSchemas(addonCrdFiles(dir)).find(
    s => s.kind === 'Kiali',
  )?.schema.properties as Record<string, Record<string, unknown>> | undefined;
  const kialiValues = kialiSpec
    ? createSchemaCompiler()(kialiSpec.spec)
    : undefined;
  const unknownKeys = (values: BundleHelmValues) => {
    if (values.chart === 'tempo') {
      const defaults = readValuesFile(
        tempoValuesFile(dir, values.chartVersion),
      );
      return unknownValuePaths(values.values, defaults, tempoFreeForm);
    }
    if (values.chart === SAIL_OPERATOR_CHART) {
      const defaults = readValuesFile(sailChartValuesFile(dir));
      return unknownValuePaths(values.values, defaults, new Set());
    }
    const valuesFile = files.valuesFiles[values.chart];
    return valuesFile
      ? unknownIstioChartValueKeys(
          values.values,
          readValuesFile(valuesFile),
          facts,
        )
      : undefined;
  };
  return (values, prefix) => {
    if (values.chart === 'gateway') {
      return ajvProblems(gatewayValues, values.values, prefix);
    }
    if (values.chart === 'kiali-server') {
      return kialiValues && ajvProblems(kialiValues, values.values, prefix);
    }
    return unknownKeys(values)?.map(
      path => `${prefix} ${path}: not a key of the chart's default values`,
    );
  };
}

/**
 * The Gateway API CRDs of the release the Istio line requires, for a bundle that renders Gateway
 * API resources or installs their CRDs; a release missing from the data is a problem.
 */
function gatewayApiCrdsToCheck(
  bundle: MeshBundle,
  dir: string,
  facts: IstioMinorFacts,
  report: ConformanceReport,
): string[] {
  const version = facts.gatewayApiVersion;
  const needed =
    bundle.objects.some(o => o.component === 'gateway-api') ||
    rendersGatewayApi(bundle.objects.map(o => o.object));
  if (!version || !needed) return [];
  const files = gatewayApiCrdFiles(dir, version);
  if (files.length === 0) {
    report.problems.push(`no Gateway API ${version} CRDs in ${dir}`);
  }
  return files;
}

/**
 * Checks a bundle against the upstream data for its Istio release: every object whose CRD is in
 * the data (Istio's, the addons', the standard Gateway API CRDs of the release the line requires)
 * against that CRD's served version (unknown fields are errors), the gateway-api component's pin
 * against that release, Istio gateway values against the chart's values.schema.json,
 * istiod/base/kiali-server/tempo values by key against the chart's defaults (kiali-server against
 * the Kiali CRD's spec schema); Sail Operator objects against the Sail CRDs and its chart values
 * by key against the chart's defaults. What differs between Istio releases comes from `releaseFacts`,
 * taken for the conformance release the data is from.
 */
export function checkBundleConformance(
  bundle: MeshBundle,
  dir: string,
  istioVersion: string,
  releaseFacts: IstioReleaseFacts = ISTIO_RELEASE_FACTS,
): ConformanceReport {
  const release = conformanceIstioVersion(istioVersion, releaseFacts);
  const facts = conformanceReleaseFacts(release, releaseFacts);
  const files = istioFiles(dir, release, facts);
  const report: ConformanceReport = {
    istioVersion: release,
    problems: [],
    checked: new Set(),
    unchecked: new Set(),
  };
  const gatewayApiCrds = gatewayApiCrdsToCheck(bundle, dir, facts, report);
  checkObjects(
    bundle,
    [
      files.crds,
      ...addonCrdFiles(dir),
      ...gatewayApiCrds,
      ...(files.operatorCrd ? [files.operatorCrd] : []),
      ...(usesSailOperator(bundle) ? sailCrdFiles(dir) : []),
    ],
    report,
  );
  const gatewayApiServed = new Set(
    readCrdSchemas(gatewayApiCrds).map(s => `${s.apiVersion}/${s.kind}`),
  );
  report.problems.push(
    ...gatewayApiProblems(
      bundle.objects,
      facts.gatewayApiVersion,
      gatewayApiServed,
    ),
  );
  const checkValues = valuesChecker(dir, files, facts);
  for (const values of bundle.helmValues) {
    const subject = `values:${values.chart}`;
    const problems = checkValues(
      values,
      `${values.file} ${valuesSubject(values)}`,
    );
    if (problems) {
      report.checked.add(subject);
      report.problems.push(...problems);
    } else {
      report.unchecked.add(subject);
    }
  }
  return report;
}
