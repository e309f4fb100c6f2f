import type { z } from 'zod';

/**
 * Read-only walking of the zod schema tree, so that messages can list a section's allowed fields
 * and the template form can be checked against the schema it feeds.
 */

interface SchemaDefinition {
  type: string;
  innerType?: z.ZodType;
  in?: z.ZodType;
  element?: z.ZodType;
  valueType?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  entries?: Record<string, string>;
  defaultValue?: unknown;
}

function definitionOf(schema: z.ZodType): SchemaDefinition {
  return (schema as unknown as { def: SchemaDefinition }).def;
}

const WRAPPER_TYPES = [
  'default',
  'prefault',
  'optional',
  'nullable',
  'readonly',
  'catch',
];

/** The schema under defaults, optionality and pipes (the input side of a transform). */
export function unwrapSchema(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (;;) {
    const def = definitionOf(current);
    if (WRAPPER_TYPES.includes(def.type) && def.innerType) {
      current = def.innerType;
    } else if (def.type === 'pipe' && def.in) {
      current = def.in;
    } else {
      return current;
    }
  }
}

/** The schema's own kind after unwrapping: object, array, enum, string, number, boolean, record... */
export function schemaKind(schema: z.ZodType): string {
  return definitionOf(unwrapSchema(schema)).type;
}

/** Field schemas of an object schema; undefined for other kinds. */
export function objectFields(
  schema: z.ZodType,
): Record<string, z.ZodType> | undefined {
  const def = definitionOf(unwrapSchema(schema));
  return def.type === 'object' ? def.shape : undefined;
}

/** Element schema of an array schema. */
export function arrayElement(schema: z.ZodType): z.ZodType | undefined {
  const def = definitionOf(unwrapSchema(schema));
  return def.type === 'array' ? def.element : undefined;
}

/** Allowed values of an enum schema (also inside arrays of enums). */
export function enumValues(schema: z.ZodType): string[] | undefined {
  const def = definitionOf(unwrapSchema(schema));
  return def.type === 'enum' && def.entries
    ? Object.values(def.entries)
    : undefined;
}

/** The static default of a field, or undefined when it has none (derived or required fields). */
export function staticDefault(
  schema: z.ZodType,
): { value: unknown } | undefined {
  let current = schema;
  for (;;) {
    const def = definitionOf(current);
    if (def.type === 'default') {
      return { value: def.defaultValue };
    }
    if (WRAPPER_TYPES.includes(def.type) && def.innerType) {
      current = def.innerType;
    } else {
      return undefined;
    }
  }
}

/** The schema at a path of field names and list indices, or undefined past the schema's end. */
export function schemaAtPath(
  schema: z.ZodType,
  path: readonly PropertyKey[],
): z.ZodType | undefined {
  let current: z.ZodType | undefined = schema;
  for (const segment of path) {
    if (!current) {
      return undefined;
    }
    const def = definitionOf(unwrapSchema(current));
    if (def.type === 'object' && typeof segment === 'string') {
      current = def.shape?.[segment];
    } else if (def.type === 'array' && typeof segment === 'number') {
      current = def.element;
    } else if (def.type === 'record') {
      current = def.valueType;
    } else {
      return undefined;
    }
  }
  return current;
}
