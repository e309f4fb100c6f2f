import { safeParseMeshClusterSpec, MeshClusterSpec } from '@mesh-templates/plugin-mesh-common';
import fs from 'node:fs';
import path from 'node:path';
import yaml from 'yaml';
import { MeshBundle } from '../bundle/meshBundle';
import { renderMeshBundle } from '../render/renderMeshBundle';
import { hostileValues } from './hostileValues';
import { setAtPath, specStringFields, StringField } from './specStringFields';

const specsDir = path.resolve(__dirname, '../../../../examples/specs');

/** Specs with most features on, so most string fields reach a template. */
const baseSpecNames = [
  'seed-001-rke2-otel-tempo.yaml',
  'seed-004-rancher-multicluster.yaml',
  'multi-primary-3-clusters.yaml',
];

/**
 * Values that cannot carry YAML or template syntax (no spaces, quotes, braces, newlines…); they
 * may legitimately name objects or fail a cross-field rule, as IP addresses and URLs do.
 */
const plainToken = /^[A-Za-z0-9._:/-]*$/;

function objectSet(bundle: MeshBundle): string[] {
  return bundle.objects
    .map(o => `${o.cluster}|${o.object.kind}|${o.object.metadata.namespace ?? ''}|${o.object.metadata.name}`)
    .sort();
}

function kindsOf(set: string[]): Set<string> {
  return new Set(set.map(s => s.split('|')[1]));
}

/** The identity parts (cluster, namespace, name) of an object-set entry. */
function identityOf(entry: string): string[] {
  const [cluster, , namespace, name] = entry.split('|');
  return [cluster, namespace, name];
}

function unparsableFiles(bundle: MeshBundle): string[] {
  return bundle.files
    .filter(file => file.path.endsWith('.yaml'))
    .filter(file => yaml.parseAllDocuments(file.content).some(doc => doc.errors.length > 0))
    .map(file => `${file.path} no longer parses as YAML`);
}

describe.each(baseSpecNames)('hostile values in every string field of %s', specName => {
  const parsed = safeParseMeshClusterSpec(
    yaml.parse(fs.readFileSync(path.join(specsDir, specName), 'utf8')),
  );
  if (!parsed.success) throw new Error(`${specName} does not parse`);
  // A parsed spec parses again unchanged, so it is a base that sets every field explicitly.
  const base: MeshClusterSpec = parsed.spec;
  const baseline = objectSet(renderMeshBundle(base));
  const fields = specStringFields(base);

  it('has string fields and enough hostile values to try', () => {
    expect(fields.length).toBeGreaterThan(20);
    expect(hostileValues.length).toBeGreaterThanOrEqual(200);
  });

  /** What is wrong with the spec's handling of one value in one field; empty when it is right. */
  function checkValue(field: StringField, value: string, originalValue: string): string[] {
    const syntax = !plainToken.test(value);
    const result = safeParseMeshClusterSpec(setAtPath(base, field.path, value));
    if (!result.success) {
      // A value carrying syntax must be refused at the field the user typed into; a plain
      // token may also fail a cross-field rule (e.g. a cluster name missing from the mesh).
      const paths = result.issues.map(i => i.path);
      return syntax && !paths.includes(field.display)
        ? [`rejected without naming ${field.display} (${paths.join(', ')})`]
        : [];
    }
    const bundle = renderMeshBundle(result.spec);
    const problems = unparsableFiles(bundle);
    const set = objectSet(bundle);
    const baselineKinds = kindsOf(baseline);
    for (const kind of kindsOf(set)) {
      if (!baselineKinds.has(kind)) problems.push(`added an object of kind ${kind}`);
    }
    if (syntax) {
      // The value may only name objects: objects that appear carry it in their identity,
      // objects that disappear carried the old value.
      for (const entry of set.filter(e => !baseline.includes(e))) {
        if (!identityOf(entry).join('|').includes(value)) problems.push(`added ${entry}`);
      }
      for (const entry of baseline.filter(e => !set.includes(e))) {
        if (!identityOf(entry).join('|').includes(originalValue)) problems.push(`removed ${entry}`);
      }
    }
    return problems;
  }

  it.each(fields.map(f => [f.display, f] as const))('%s', (_, field) => {
    const originalValue = field.path.reduce((node: any, key) => node[key], base) as string;
    const violations: string[] = [];
    for (const value of hostileValues) {
      const shown = JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
      violations.push(...checkValue(field, value, originalValue).map(v => `${shown}: ${v}`));
    }
    expect(violations).toEqual([]);
  });
});
