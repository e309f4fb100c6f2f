import fs from 'node:fs';
import path from 'node:path';
import {
  formatIssuePath,
  MeshClusterSpec,
  safeParseMeshClusterSpec,
} from '@mesh-templates/plugin-mesh-common';
import { listTreeFiles } from '../bundle/listTreeFiles';
import type { MeshBundle } from '../bundle/meshBundle';
import { renderMeshBundle } from './renderMeshBundle';
import { templatePackRoot } from './templateEnvironment';
import { loadExampleSpecInput } from './__testUtils__/exampleSpecs';
import { hostileFragments, hostileValues } from './__testUtils__/hostileValues';

type Path = (string | number)[];

function stringLeaves(value: unknown, prefix: Path = []): Path[] {
  if (typeof value === 'string') return [prefix];
  if (Array.isArray(value))
    return value.flatMap((v, i) => stringLeaves(v, [...prefix, i]));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) =>
      stringLeaves(v, [...prefix, k]),
    );
  }
  return [];
}

/**
 * Values that cannot carry YAML or template syntax (no spaces, quotes, braces, newlines…); they
 * may fail a cross-field rule elsewhere, as a valid IP that differs from its peer's does.
 */
const plainToken = /^[A-Za-z0-9._:/-]*$/;

function withValue<T>(input: T, at: Path, value: string): T {
  const copy: any = structuredClone(input);
  let node = copy;
  for (const key of at.slice(0, -1)) node = node[key];
  node[at[at.length - 1]] = value;
  return copy;
}

/** The object set as kinds with counts, plus the number of Helm values files. */
function shape(bundle: MeshBundle, ignoredKinds: string[] = []): string[] {
  const kinds = bundle.index
    .filter(e => !ignoredKinds.includes(e.kind))
    .map(
      e => `${e.cluster === bundle.clusters[0] ? 'first' : 'peer'}:${e.kind}`,
    );
  return [
    ...kinds.sort(),
    `helmValues:${bundle.helmValues.length}`,
    `files:${bundle.files.length}`,
  ];
}

function objectSet(bundle: MeshBundle): string[] {
  return bundle.index
    .map(e => `${e.cluster}|${e.kind}|${e.namespace ?? ''}|${e.name}`)
    .sort();
}

function hasKeyDeep(value: unknown, key: string): boolean {
  if (Array.isArray(value)) return value.some(v => hasKeyDeep(v, key));
  if (value && typeof value === 'object') {
    return Object.entries(value).some(
      ([k, v]) => k === key || hasKeyDeep(v, key),
    );
  }
  return false;
}

const BASES = [
  'seed-001-rke2-otel-tempo',
  'seed-004-rancher-multicluster',
  'multi-primary-3-clusters',
];
const HOSTILE = hostileValues();

describe('hostile parameter values', () => {
  it('has at least 200 hostile values', () => {
    expect(HOSTILE.length).toBeGreaterThanOrEqual(200);
  });

  it.each(BASES)(
    'through every string field of %s: the spec is rejected or the object set is unchanged',
    base => {
      // GIVEN a valid spec with every field set (a parsed spec parses again unchanged, so its
      // defaults become fields to attack too) and its rendered object set
      const input = (
        safeParseMeshClusterSpec(loadExampleSpecInput(base)) as any
      ).spec;
      const baseline = renderMeshBundle(input);
      const leaves = stringLeaves(input);
      let rendered = 0;
      let rejected = 0;
      const problems: unknown[] = [];
      for (const leaf of leaves) {
        for (const value of HOSTILE) {
          // WHEN one field gets a hostile value
          const result = safeParseMeshClusterSpec(
            withValue(input, leaf, value),
          );
          if (!result.success) {
            // THEN either the spec is rejected, naming the field the user typed into when the
            // value carries syntax...
            const paths = result.issues.map(i => i.path);
            if (paths.length === 0)
              problems.push({
                leaf,
                value,
                problem: 'rejected without issues',
              });
            if (
              !plainToken.test(value) &&
              !paths.includes(formatIssuePath(leaf))
            ) {
              problems.push({
                leaf,
                value,
                problem: `rejected without naming the field: ${paths.join(
                  ', ',
                )}`,
              });
            }
            rejected += 1;
            continue;
          }
          // ...or (a value the field's format accepts, e.g. another name) it renders the same
          // kinds in the same numbers (Namespaces may merge or split when a namespace field
          // names another one), and any object whose name changed carries the new value
          const bundle = renderMeshBundle(result.spec);
          if (
            shape(bundle, ['Namespace']).join() !==
            shape(baseline, ['Namespace']).join()
          ) {
            problems.push({ leaf, value, problem: 'object kinds changed' });
          }
          const known = new Set(objectSet(baseline));
          const unexplained = objectSet(bundle).filter(
            entry =>
              !known.has(entry) &&
              !entry.includes('|Namespace|') &&
              !entry.includes(value),
          );
          if (unexplained.length > 0)
            problems.push({ leaf, value, unexplained });
          rendered += 1;
        }
      }
      expect(problems).toEqual([]);
      expect(rendered + rejected).toBe(leaves.length * HOSTILE.length);
      expect(leaves.length).toBeGreaterThan(20);
    },
    120_000,
  );

  it.each([
    ['seed-001-rke2-otel-tempo', hostileFragments()],
    [
      'seed-004-rancher-multicluster',
      hostileFragments().filter((_v, i) => i % 4 === 0),
    ],
  ] as const)(
    'bypassing the schema on %s: a free-text field never adds, drops or moves an object',
    (base, hostile) => {
      // GIVEN a parsed spec, and its free-text string fields (those that accept an arbitrary
      // word, unlike the enumerations); the schema is bypassed so only the templates' escaping
      // stands between the value and the YAML
      const parsed = (
        safeParseMeshClusterSpec(loadExampleSpecInput(base)) as any
      ).spec as MeshClusterSpec;
      const baseline = renderMeshBundle(parsed);
      const freeText = stringLeaves(parsed).filter(leaf => {
        try {
          return (
            shape(renderMeshBundle(withValue(parsed, leaf, 'zzz'))).join() ===
            shape(baseline).join()
          );
        } catch {
          return false;
        }
      });
      expect(freeText.length).toBeGreaterThan(10);
      let rejected = 0;
      const problems: unknown[] = [];
      for (const leaf of freeText) {
        for (const value of hostile) {
          // WHEN the field holds a hostile value
          let bundle: MeshBundle;
          try {
            bundle = renderMeshBundle(withValue(parsed, leaf, value));
          } catch (error) {
            // THEN the render refuses it with a clear error (e.g. a path segment)...
            if (
              !/must be|does not|differ|not a Kubernetes object|Invalid URL/.test(
                String(error),
              )
            ) {
              problems.push({ leaf, value, error: String(error) });
            }
            rejected += 1;
            continue;
          }
          // ...or every object is still there, in the same number and kinds, with no document
          // or key injected
          if (shape(bundle).join() !== shape(baseline).join()) {
            problems.push({ leaf, value, problem: 'object kinds changed' });
          }
          if (
            bundle.objects.some(
              o =>
                o.object.kind === 'Secret' || hasKeyDeep(o.object, 'injected'),
            )
          ) {
            problems.push({ leaf, value, problem: 'injected content' });
          }
        }
      }
      expect(problems).toEqual([]);
      expect(rejected).toBeLessThan(freeText.length * hostile.length);
    },
    300_000,
  );
});

describe('template packs', () => {
  const templates: string[] = [];
  beforeAll(async () => {
    const root = templatePackRoot();
    for (const file of await listTreeFiles(root)) {
      templates.push(path.join(root, file));
    }
  });

  it('print every expression through yamlValue (or indent a macro of the pack)', () => {
    // GIVEN every template WHEN reading its {{ }} expressions THEN none prints a raw value
    expect(templates.length).toBeGreaterThan(20);
    const offenders: string[] = [];
    for (const file of templates) {
      const text = fs.readFileSync(file, 'utf8');
      for (const match of text.matchAll(/\{\{([\s\S]*?)\}\}/g)) {
        const expression = match[1].trim();
        const escaped = /\|\s*yamlValue$/.test(expression);
        const macro =
          /^[a-z_]+\.[A-Za-z]+\(\)(\s*\|\s*indent\(\d+\))?$/.test(expression) ||
          /^grafanaSettings\(\)(\s*\|\s*indent\(\d+\))?$/.test(expression);
        if (!escaped && !macro)
          offenders.push(
            `${path.relative(templatePackRoot(), file)}: {{ ${expression} }}`,
          );
      }
    }
    expect(offenders).toEqual([]);
  });

  it('use no output other than {{ }} (no {%- raw %} blocks or autoescape switches)', () => {
    for (const file of templates) {
      const text = fs.readFileSync(file, 'utf8');
      expect({
        file,
        found: /\{%-?\s*(raw|verbatim|autoescape)\b/.test(text),
      }).toEqual({ file, found: false });
    }
  });
});
