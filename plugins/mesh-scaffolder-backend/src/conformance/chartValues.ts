import type { ValidateFunction } from 'ajv';
import fs from 'node:fs';
import { parse } from 'yaml';
import { createSchemaCompiler } from './crdSchemas';

type Values = Record<string, unknown>;

/** Whether a parsed YAML value is a mapping. */
export function isRecord(value: unknown): value is Values {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A chart's values.yaml as it is written (Istio's defaults wrapper, if any, included). */
export function readValuesFile(file: string): Values {
  const values = parse(fs.readFileSync(file, 'utf8')) as unknown;
  return isRecord(values) ? values : {};
}

/**
 * Key paths of `values` that the chart's defaults do not have. Below a default that is an empty
 * map, null, or a key listed in `freeForm` (maps the chart passes through, like meshConfig or
 * podAnnotations), anything goes; lists and scalars are compared by presence only.
 */
export function unknownValuePaths(
  values: unknown,
  defaults: unknown,
  freeForm: ReadonlySet<string>,
  prefix = '',
): string[] {
  if (!isRecord(values) || !isRecord(defaults)) return [];
  const unknown: string[] = [];
  for (const [key, value] of Object.entries(values)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (!(key in defaults)) {
      unknown.push(path);
      continue;
    }
    const fallback = defaults[key];
    const passedThrough = freeForm.has(key) || freeForm.has(path);
    if (
      !passedThrough &&
      isRecord(fallback) &&
      Object.keys(fallback).length > 0
    ) {
      unknown.push(...unknownValuePaths(value, fallback, freeForm, path));
    }
  }
  return unknown;
}

/**
 * Validator for the gateway chart's values.schema.json. 1.12–1.20 keep a flat strict root; from
 * 1.23 the root only `$ref`s `$defs.values` (strict itself only from 1.27), so the values
 * definition is validated directly, made strict, with the other definitions still reachable.
 */
export function compileGatewayValuesSchema(file: string): ValidateFunction {
  const schema = JSON.parse(fs.readFileSync(file, 'utf8')) as Values;
  delete schema.$schema;
  const defs = schema.$defs;
  if (isRecord(defs) && isRecord(defs.values)) {
    return createSchemaCompiler()({
      ...defs.values,
      additionalProperties: false,
      $defs: defs,
    });
  }
  return createSchemaCompiler()(schema);
}
