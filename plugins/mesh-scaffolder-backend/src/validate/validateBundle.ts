import type { IstioReleaseFacts } from '@mesh-templates/plugin-mesh-common';
import type { BundleProblem, MeshBundle } from '../bundle/meshBundle';
import { dedupeProblems } from './dedupeProblems';
import { helmValuesProblems } from './rules/helmValuesProblems';
import { objectSubject, valuesSubject } from './problemSubject';
import { istioApiVersionProblems } from './rules/istioApiVersions';
import { schemaProblems } from './schemaProblems';
import { semanticRules } from './semanticRules';

export interface ValidateBundleOptions {
  /**
   * Istio version the bundle targets; Istio kinds must use an apiVersion that version serves.
   * Defaults to the chart version of the bundle's Istio Helm values, or the IstioOperator tag.
   */
  istioVersion?: string;
  /** The Istio releases and what each serves and reads; the supported releases by default. */
  istioReleaseFacts?: IstioReleaseFacts;
}

/**
 * Validates a rendered (or read-back) bundle: every object against its schema with unknown fields
 * as errors, every Helm values file structurally, and the cross-object mesh rules. Returns every
 * problem found, each naming its file and field path; an empty list means the bundle is valid.
 */
export function validateBundle(
  bundle: MeshBundle,
  options: ValidateBundleOptions = {},
): BundleProblem[] {
  const problems: BundleProblem[] = [];
  for (const { file, object } of bundle.objects) {
    const subject = objectSubject(object);
    for (const problem of schemaProblems(object)) {
      problems.push({ file, subject, ...problem });
    }
  }
  problems.push(
    ...istioApiVersionProblems(
      bundle,
      options.istioVersion,
      options.istioReleaseFacts,
    ),
  );
  for (const values of bundle.helmValues) {
    for (const problem of helmValuesProblems(
      values,
      options.istioReleaseFacts,
    )) {
      problems.push({
        file: values.file,
        subject: valuesSubject(values),
        ...problem,
      });
    }
  }
  for (const rule of Object.values(semanticRules)) {
    problems.push(...rule(bundle));
  }
  return dedupeProblems(problems);
}
