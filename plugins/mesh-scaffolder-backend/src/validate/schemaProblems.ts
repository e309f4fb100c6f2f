import type { KubernetesObject } from '../bundle/meshBundle';
import { AccessTracker } from './accessTracker';
import { fieldPathFromPointer } from './fieldPath';
import { findKubernetesModel } from './kubernetesModels';
import type { FieldProblem } from './fieldProblem';
import { structuralProblems } from './structuralChecks';

interface AjvError {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
}

function ajvErrorProblem(error: AjvError): FieldProblem {
  if (error.keyword === 'required') {
    const missing = String(error.params.missingProperty);
    const parent = fieldPathFromPointer(error.instancePath);
    return {
      path: parent ? `${parent}.${missing}` : missing,
      message: 'is required',
    };
  }
  if (error.keyword === 'enum') {
    const allowed = (error.params.allowedValues as unknown[] | undefined) ?? [];
    return {
      path: fieldPathFromPointer(error.instancePath),
      message: `must be one of ${allowed
        .map(v => JSON.stringify(v))
        .join(', ')}`,
    };
  }
  return {
    path: fieldPathFromPointer(error.instancePath),
    message: error.message ?? `fails the schema rule "${error.keyword}"`,
  };
}

/**
 * Checks one object against the kubernetes-models schema of its apiVersion/kind, with unknown
 * fields reported as errors (a cluster would silently prune them). Kinds no installed model types
 * get the structural check of `structuralChecks.ts` instead.
 */
export function schemaProblems(object: KubernetesObject): FieldProblem[] {
  const model = findKubernetesModel(object.apiVersion, object.kind);
  if (!model) {
    return structuralProblems(object);
  }
  const tracker = new AccessTracker();
  const problems: FieldProblem[] = [];
  try {
    model.prototype.validate.call(tracker.track(object));
  } catch (error) {
    const errors = (error as { errors?: AjvError[] }).errors;
    if (!Array.isArray(errors)) {
      throw error;
    }
    problems.push(...errors.map(ajvErrorProblem));
  }
  for (const pointer of tracker.unknownFields(object)) {
    problems.push({
      path: fieldPathFromPointer(pointer),
      message: `unknown field: ${object.apiVersion} ${object.kind} does not declare it, so the API server would drop it`,
    });
  }
  return problems;
}
