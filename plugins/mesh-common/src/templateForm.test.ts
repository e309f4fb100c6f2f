import fs from 'fs';
import path from 'path';
import { parse } from 'yaml';
import type { z } from 'zod';
import {
  arrayElement,
  enumValues,
  meshClusterSpecSchema,
  objectFields,
  parseMeshClusterSpec,
  schemaKind,
  staticDefault,
} from './spec';

interface FormProperty {
  type?: string;
  default?: unknown;
  enum?: unknown[];
  items?: FormProperty;
  properties?: Record<string, FormProperty>;
  required?: string[];
  additionalProperties?: unknown;
}

interface FormPage {
  title: string;
  properties: Record<string, FormProperty>;
}

const templatePath = path.resolve(
  __dirname,
  '../../../templates/create-mesh-cluster/template.yaml',
);
const template = parse(fs.readFileSync(templatePath, 'utf8'));
const allPages: FormPage[] = template.spec.parameters;
/** The last page says how the bundle is delivered; it is not part of MeshClusterSpec. */
const deliveryPage = allPages.find(page => page.title === 'Delivery');
const pages: FormPage[] = allPages.filter(page => page !== deliveryPage);

/** Zod kinds each JSON-schema type of the form may stand for. */
const KINDS_FOR_FORM_TYPE: Record<string, string[]> = {
  string: ['string', 'enum'],
  number: ['number'],
  integer: ['number'],
  boolean: ['boolean'],
  array: ['array'],
  object: ['object', 'record'],
};

interface Mismatch {
  path: string;
  problem: string;
}

function compareProperty(
  formPath: string,
  property: FormProperty,
  field: z.ZodType,
  required: boolean,
  mismatches: Mismatch[],
): void {
  const kind = schemaKind(field);
  const allowedKinds = KINDS_FOR_FORM_TYPE[property.type ?? ''] ?? [];
  if (!allowedKinds.includes(kind)) {
    mismatches.push({
      path: formPath,
      problem: `form type ${property.type} vs schema ${kind}`,
    });
    return;
  }
  const schemaDefault = staticDefault(field);
  if (kind !== 'object') {
    if (
      !required &&
      schemaDefault?.value !== undefined &&
      !('default' in property)
    ) {
      mismatches.push({
        path: formPath,
        problem: 'schema has a default the form lacks',
      });
    }
    if (
      'default' in property &&
      JSON.stringify(property.default) !== JSON.stringify(schemaDefault?.value)
    ) {
      mismatches.push({
        path: formPath,
        problem: `default ${JSON.stringify(
          property.default,
        )} vs schema ${JSON.stringify(schemaDefault?.value)}`,
      });
    }
  }
  const element = kind === 'array' ? arrayElement(field) : undefined;
  const schemaEnum = enumValues(element ?? field);
  const formEnum = element ? property.items?.enum : property.enum;
  if (JSON.stringify(schemaEnum) !== JSON.stringify(formEnum)) {
    mismatches.push({
      path: formPath,
      problem: `enum ${JSON.stringify(formEnum)} vs schema ${JSON.stringify(
        schemaEnum,
      )}`,
    });
  }
  if (kind === 'object') {
    compareObject(formPath, property, field, mismatches);
  }
  if (element && schemaKind(element) === 'object' && property.items) {
    compareObject(`${formPath}[]`, property.items, element, mismatches);
  }
}

function compareObject(
  formPath: string,
  formObject: FormProperty,
  schema: z.ZodType,
  mismatches: Mismatch[],
): void {
  const fields = objectFields(schema) ?? {};
  for (const [key, property] of Object.entries(formObject.properties ?? {})) {
    const propertyPath = formPath ? `${formPath}.${key}` : key;
    const field = fields[key];
    if (!field) {
      mismatches.push({ path: propertyPath, problem: 'not in the schema' });
      continue;
    }
    const required = (formObject.required ?? []).includes(key);
    compareProperty(propertyPath, property, field, required, mismatches);
  }
}

/** Every leaf path of the schema, for the coverage check. */
function schemaLeafPaths(schema: z.ZodType, prefix: string): string[] {
  return Object.entries(objectFields(schema) ?? {}).flatMap(([key, field]) => {
    const fieldPath = prefix ? `${prefix}.${key}` : key;
    return schemaKind(field) === 'object'
      ? schemaLeafPaths(field, fieldPath)
      : [fieldPath];
  });
}

function formLeafPaths(
  properties: Record<string, FormProperty>,
  prefix: string,
): string[] {
  return Object.entries(properties).flatMap(([key, property]) => {
    const fieldPath = prefix ? `${prefix}.${key}` : key;
    return property.type === 'object' && property.properties
      ? formLeafPaths(property.properties, fieldPath)
      : [fieldPath];
  });
}

/** The values the form starts with, as Backstage would submit them untouched. */
function formDefaults(
  properties: Record<string, FormProperty>,
): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const [key, property] of Object.entries(properties)) {
    if (property.type === 'object' && property.properties) {
      values[key] = formDefaults(property.properties);
    } else if ('default' in property) {
      values[key] = property.default;
    }
  }
  return values;
}

const allFormProperties: Record<string, FormProperty> = Object.assign(
  {},
  ...pages.map(page => page.properties),
);

describe('create-mesh-cluster template form', () => {
  it('is a v1beta3 Template of type mesh-cluster owned by the platform team', () => {
    expect(template).toMatchObject({
      apiVersion: 'scaffolder.backstage.io/v1beta3',
      kind: 'Template',
      metadata: { name: 'create-mesh-cluster', title: 'Create mesh cluster' },
      spec: { type: 'mesh-cluster', owner: 'group:default/platform-team' },
    });
    expect(template.metadata.tags).toContain('istio');
  });

  it('has the pages in order, each nesting its fields under spec sections', () => {
    expect(pages.map(page => page.title)).toEqual([
      'Cluster',
      'Istio',
      'Multi-cluster',
      'Gateways',
      'Observability',
      'Policy',
      'GitOps',
    ]);
    expect(pages.flatMap(page => Object.keys(page.properties))).toEqual(
      Object.keys(objectFields(meshClusterSpecSchema) ?? {}),
    );
  });

  it('names, types, defaults and enums match the schema', () => {
    const mismatches: Mismatch[] = [];
    for (const page of pages) {
      compareObject(
        '',
        { properties: page.properties },
        meshClusterSpecSchema,
        mismatches,
      );
    }
    expect(mismatches).toEqual([]);
  });

  it('covers every field of the schema', () => {
    const formPaths = formLeafPaths(allFormProperties, '');
    // A form field with no properties of its own (the hidden upgrade block) carries its subtree whole.
    const missing = schemaLeafPaths(meshClusterSpecSchema, '').filter(
      p => !formPaths.some(f => p === f || p.startsWith(`${f}.`)),
    );
    expect(missing).toEqual([]);
  });

  it('submits defaults that parse into the schema defaults', () => {
    const values = formDefaults(allFormProperties);
    expect(parseMeshClusterSpec(values)).toEqual(parseMeshClusterSpec({}));
  });

  it('asks for the cluster name instead of defaulting it', () => {
    const cluster = allFormProperties.cluster;
    expect(cluster.required).toEqual(['name']);
    expect(cluster.properties?.name.default).toBeUndefined();
    const values = formDefaults(allFormProperties) as {
      cluster: Record<string, unknown>;
    };
    const spec = parseMeshClusterSpec({
      ...values,
      cluster: { ...values.cluster, name: 'edge-7' },
    });
    expect(spec.gitops.targetPath).toBe('clusters/edge-7');
  });

  it('ends with a Delivery page outside the spec: open a PR by default, apply only when asked', () => {
    expect(allPages[allPages.length - 1]).toBe(deliveryPage);
    expect(Object.keys(deliveryPage!.properties)).toEqual(['delivery']);
    expect(formDefaults(deliveryPage!.properties)).toEqual({
      delivery: {
        openPullRequest: true,
        applyDirectly: false,
        waitForReady: true,
      },
    });
    // The steps pass the spec sections on, never the delivery choices, so the spec stays strict.
    const specInputs = template.spec.steps
      .filter((step: { input?: { spec?: object } }) => step.input?.spec)
      .map((step: { input: { spec: object } }) => Object.keys(step.input.spec));
    expect(specInputs.length).toBeGreaterThan(0);
    for (const keys of specInputs) {
      expect(keys).toEqual(
        Object.keys(objectFields(meshClusterSpecSchema) ?? {}),
      );
    }
  });

  it('detects drift: a changed default or enum is reported', () => {
    const mismatches: Mismatch[] = [];
    const drifted: FormProperty = {
      properties: {
        istio: {
          type: 'object',
          properties: {
            version: { type: 'string', default: '1.29.0' },
            installMethod: { type: 'string', enum: ['helm'], default: 'helm' },
            verison: { type: 'string' },
          },
        },
      },
    };
    compareObject('', drifted, meshClusterSpecSchema, mismatches);
    expect(mismatches.map(m => m.path)).toEqual([
      'istio.version',
      'istio.installMethod',
      'istio.verison',
    ]);
  });
});
