import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { renderMeshBundle } from './renderMeshBundle';
import { writeBundle } from '../bundle/writeBundle';
import { meshMembers } from './meshMembers';
import { loadExampleSpecs, variantSpecs } from './__testUtils__/exampleSpecs';

const KUBECTL = '/usr/bin/kubectl';

describe('kubectl kustomize builds every rendered cluster tree', () => {
  let workDir: string;
  beforeAll(() => {
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mesh-kustomize-'));
  });
  afterAll(() => {
    fs.rmSync(workDir, { recursive: true, force: true });
  });

  it.each(
    [...loadExampleSpecs(), ...variantSpecs()].map(
      e => [e.name, e.spec] as const,
    ),
  )(
    '%s',
    async (name, spec) => {
      // GIVEN an example spec rendered and written to disk
      const bundle = renderMeshBundle(spec);
      const out = path.join(workDir, name);
      await writeBundle(bundle, out);
      for (const { name: cluster, targetPath: treeDir } of meshMembers(spec)) {
        const kustomization = parse(
          bundle.files.find(f => f.path === `${treeDir}/kustomization.yaml`)!
            .content,
        );
        // WHEN kubectl kustomize builds the cluster's tree
        const output = execFileSync(
          KUBECTL,
          ['kustomize', path.join(out, treeDir)],
          {
            encoding: 'utf8',
          },
        );
        // THEN it succeeds, and yields every indexed object whose file is a resource, plus the
        // generated values ConfigMaps
        const built = parseAllDocuments(output)
          .map(d => d.toJS())
          .filter(Boolean);
        const resources = new Set<string>(kustomization.resources);
        const expected = bundle.index.filter(
          e =>
            e.cluster === cluster &&
            resources.has(e.file.slice(treeDir.length + 1)),
        );
        const generated = (kustomization.configMapGenerator ?? []).length;
        expect(built.length).toBe(expected.length + generated);
        expect(
          built
            .map(
              (o: any) =>
                `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`,
            )
            .sort(),
        ).toEqual(
          [
            ...expected.map(e => `${e.kind}/${e.namespace ?? ''}/${e.name}`),
            ...(kustomization.configMapGenerator ?? []).map(
              (g: any) => `ConfigMap/${g.namespace}/${g.name}`,
            ),
          ].sort(),
        );
      }
    },
    60_000,
  );
});
