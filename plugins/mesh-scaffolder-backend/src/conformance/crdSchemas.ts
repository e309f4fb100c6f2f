import Ajv, { type ValidateFunction } from 'ajv';
import fs from 'node:fs';
import { parseAllDocuments } from 'yaml';

type Schema = Record<string, unknown>;

/** One served version of a CRD: `apiVersion/kind` and its strict JSON schema. */
export interface CrdVersionSchema {
  apiVersion: string;
  kind: string;
  schema: Schema;
}

function isRecord(value: unknown): value is Schema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Rewrites a CRD's structural schema so that JSON-schema validation sees what the API server
 * does: an object that does not preserve unknown fields prunes every key it does not declare, so
 * such keys become errors (`additionalProperties: false`); `x-kubernetes-int-or-string` becomes
 * integer-or-string. Root type metadata is declared, as the API server adds it to every CRD.
 */
export function strictCrdSchema(openApiSchema: Schema, isRoot = true): Schema {
  const schema: Schema = {};
  for (const [key, value] of Object.entries(openApiSchema)) {
    if (key === 'properties' && isRecord(value)) {
      schema.properties = Object.fromEntries(
        Object.entries(value).map(([name, child]) => [
          name,
          isRoot && name === 'metadata'
            ? { type: 'object' }
            : strictCrdSchema(child as Schema, false),
        ]),
      );
    } else if (
      ['items', 'additionalProperties', 'not'].includes(key) &&
      isRecord(value)
    ) {
      schema[key] = strictCrdSchema(value, false);
    } else if (
      ['allOf', 'anyOf', 'oneOf'].includes(key) &&
      Array.isArray(value)
    ) {
      // Branches only constrain; their properties are declared by the parent object.
      schema[key] = value.map(branch =>
        strictCrdSchema(branch as Schema, false),
      );
    } else if (key === 'required' && Array.isArray(value)) {
      // Some upstream CRDs (Istio 1.23) list a required field twice; the API server tolerates it.
      schema.required = [...new Set(value)];
    } else if (!key.startsWith('x-kubernetes-')) {
      schema[key] = value;
    }
  }
  if (openApiSchema['x-kubernetes-int-or-string'] === true) {
    delete schema.type;
    schema.anyOf = [{ type: 'integer' }, { type: 'string' }];
  }
  if (isRoot) {
    schema.properties = {
      apiVersion: { type: 'string' },
      kind: { type: 'string' },
      metadata: { type: 'object' },
      ...(isRecord(schema.properties) ? schema.properties : {}),
    };
  }
  const freeForm =
    openApiSchema['x-kubernetes-preserve-unknown-fields'] === true ||
    openApiSchema['x-kubernetes-embedded-resource'] === true;
  if (
    schema.type === 'object' &&
    !freeForm &&
    schema.additionalProperties === undefined
  ) {
    schema.additionalProperties = false;
  }
  for (const branchKey of ['allOf', 'anyOf', 'oneOf']) {
    const branches = schema[branchKey];
    if (Array.isArray(branches)) {
      branches.forEach(
        branch => delete (branch as Schema).additionalProperties,
      );
    }
  }
  return schema;
}

/** Every served version of every CRD in the given YAML files, with strict schemas. */
export function readCrdSchemas(files: string[]): CrdVersionSchema[] {
  const result: CrdVersionSchema[] = [];
  for (const file of files) {
    for (const document of parseAllDocuments(fs.readFileSync(file, 'utf8'))) {
      const crd = document.toJS() as Schema | null;
      if (!isRecord(crd) || crd.kind !== 'CustomResourceDefinition') continue;
      const spec = crd.spec as {
        group: string;
        names: { kind: string };
        versions?: Schema[];
      };
      for (const version of spec.versions ?? []) {
        const openApi = (version.schema as Schema | undefined)?.openAPIV3Schema;
        if (version.served === false || !isRecord(openApi)) continue;
        result.push({
          apiVersion: `${spec.group}/${version.name}`,
          kind: spec.names.kind,
          schema: strictCrdSchema(openApi),
        });
      }
    }
  }
  return result;
}

/** Compiles schemas with ajv: all errors, OpenAPI keywords (`nullable`) on, formats not enforced. */
export function createSchemaCompiler(): (schema: Schema) => ValidateFunction {
  const ajv = new Ajv({
    allErrors: true,
    strict: false,
    validateFormats: false,
  });
  return schema => ajv.compile(schema);
}

/** Validators by `apiVersion/kind` for every served CRD version in the files. */
export function compileCrdValidators(
  files: string[],
): Map<string, ValidateFunction> {
  const compile = createSchemaCompiler();
  return new Map(
    readCrdSchemas(files).map(s => [
      `${s.apiVersion}/${s.kind}`,
      compile(s.schema),
    ]),
  );
}
