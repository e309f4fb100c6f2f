import path from 'node:path';
import { BUNDLE_INDEX_FILE } from '../bundle/bundleIndex';
import { parseRenderedYaml } from './parseRenderedYaml';
import { renderMeshBundle } from './renderMeshBundle';
import { loadExampleSpecs, variantSpecs } from './__testUtils__/exampleSpecs';
import { readGoldenFolder } from './__testUtils__/goldenFiles';

const GOLDEN_DIR = path.join(__dirname, '__fixtures__', 'golden');

describe('renderMeshBundle golden files', () => {
  const examples = [...loadExampleSpecs(), ...variantSpecs()];

  it('covers every example spec', () => {
    // GIVEN the example specs folder WHEN listing it THEN the five seeds, the 3-cluster mesh and the Sail cluster are there
    expect(loadExampleSpecs().map(e => e.name)).toEqual([
      'multi-primary-3-clusters',
      'sail-1-30',
      'seed-000-rancher-day2',
      'seed-001-rke2-otel-tempo',
      'seed-002-kiali-jaeger',
      'seed-003-prometheus-monitoring',
      'seed-004-rancher-multicluster',
    ]);
  });

  it.each(examples.map(e => [e.name, e.spec] as const))(
    '%s renders byte-for-byte as its golden files',
    async (name, spec) => {
      // GIVEN an example spec
      // WHEN it is rendered
      const bundle = renderMeshBundle(spec);
      const rendered = new Map(bundle.files.map(f => [f.path, f.content]));
      const golden = await readGoldenFolder(
        rendered,
        path.join(GOLDEN_DIR, name),
      );
      // THEN the same files exist with identical bytes
      expect([...rendered.keys()].sort()).toEqual([...golden.keys()].sort());
      for (const [file, content] of rendered) {
        expect({ file, content }).toEqual({ file, content: golden.get(file) });
      }
    },
  );

  it.each(examples.map(e => [e.name, e.spec] as const))(
    '%s files read back as exactly the bundle objects and values',
    (_name, spec) => {
      // GIVEN a rendered bundle WHEN each file is parsed THEN it holds exactly the in-memory data
      const bundle = renderMeshBundle(spec);
      const content = new Map(bundle.files.map(f => [f.path, f.content]));
      for (const file of new Set(bundle.objects.map(o => o.file))) {
        expect(parseRenderedYaml(content.get(file)!, file)).toEqual(
          bundle.objects.filter(o => o.file === file).map(o => o.object),
        );
      }
      for (const values of bundle.helmValues) {
        expect(
          parseRenderedYaml(content.get(values.file)!, values.file),
        ).toEqual([values.values]);
      }
      expect(JSON.parse(content.get(BUNDLE_INDEX_FILE)!).objects).toEqual(
        bundle.index,
      );
    },
  );

  it.each(examples.map(e => [e.name, e.spec] as const))(
    '%s renders identical bytes twice',
    (_name, spec) => {
      // GIVEN one spec WHEN rendered twice THEN every file is byte-identical
      const first = renderMeshBundle(spec);
      const second = renderMeshBundle(structuredClone(spec));
      expect(second.files).toEqual(first.files);
      expect(second.files.length).toBeGreaterThan(5);
    },
  );
});
