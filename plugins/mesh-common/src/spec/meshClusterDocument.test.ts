import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import {
  MESH_CLUSTER_API_VERSION,
  MESH_CLUSTER_DOCUMENT_MIGRATIONS,
  readMeshClusterDocument,
  toMeshClusterDocument,
} from './meshClusterDocument';
import { parseMeshClusterSpec } from './parseMeshClusterSpec';
import { MeshSpecError } from './specErrors';

const specsDir = path.resolve(__dirname, '../../../../examples/specs');
const fixturesDir = path.join(__dirname, '__fixtures__');

function readYaml(file: string): unknown {
  return parse(fs.readFileSync(file, 'utf8'), { uniqueKeys: true });
}

function readError(document: unknown): MeshSpecError {
  try {
    readMeshClusterDocument(document);
  } catch (error) {
    if (error instanceof MeshSpecError) return error;
    throw error;
  }
  throw new Error('the document was accepted');
}

describe('the MeshCluster spec document', () => {
  it.each(fs.readdirSync(specsDir).filter(f => f.endsWith('.yaml')))(
    '%s reads back as the same spec',
    file => {
      // GIVEN an example spec WHEN written as a document and read back THEN the spec is unchanged
      const spec = parseMeshClusterSpec(readYaml(path.join(specsDir, file)));
      const document = JSON.parse(JSON.stringify(toMeshClusterDocument(spec)));
      expect(document.apiVersion).toBe(MESH_CLUSTER_API_VERSION);
      expect(readMeshClusterDocument(document)).toEqual(spec);
    },
  );

  it('reads every version ever written (migration)', () => {
    // GIVEN one document per version, frozen as that version wrote it (the seed-001 spec)
    const written = fs
      .readdirSync(fixturesDir)
      .filter(f => /^mesh-cluster-.+\.yaml$/.test(f))
      .map(f => readYaml(path.join(fixturesDir, f)) as { apiVersion: string });
    // THEN there is one for each version the reader knows
    expect(written.map(d => d.apiVersion).sort()).toEqual(
      Object.keys(MESH_CLUSTER_DOCUMENT_MIGRATIONS).sort(),
    );
    // WHEN each is read THEN it gives today's spec of the example it was written from
    const today = parseMeshClusterSpec(
      readYaml(path.join(specsDir, 'seed-001-rke2-otel-tempo.yaml')),
    );
    for (const document of written) {
      expect(readMeshClusterDocument(document)).toEqual(today);
    }
  });

  it('refuses an unknown version, naming the versions it reads', () => {
    // GIVEN a document of a version this product never wrote WHEN read THEN apiVersion is named
    const error = readError({
      apiVersion: 'mesh.backstage.io/v2',
      kind: 'MeshCluster',
      spec: {},
    });
    expect(error.issues).toEqual([
      {
        path: 'apiVersion',
        message:
          '"mesh.backstage.io/v2" is not a MeshCluster version this product reads (known: mesh.backstage.io/v1alpha1); a newer version needs a newer mesh-templates',
      },
    ]);
    expect(readError({ kind: 'MeshCluster', spec: {} }).message).toMatch(
      /^apiVersion: missing is not a MeshCluster version/,
    );
  });

  it('refuses the wrong kind, unknown top-level fields and a bare spec', () => {
    const base = { apiVersion: MESH_CLUSTER_API_VERSION, spec: {} };
    expect(readError({ ...base, kind: 'Cluster' }).message).toBe(
      'kind: must be MeshCluster',
    );
    expect(
      readError({ ...base, kind: 'MeshCluster', status: {} }).message,
    ).toBe(
      'status: is not a known field; allowed here: apiVersion, kind, spec',
    );
    expect(readError({ mesh: { id: 'm' } }).issues[0].path).toBe('apiVersion');
    expect(readError('text').issues[0].path).toBe('(document)');
  });

  it('names spec problems by their path inside the document', () => {
    // GIVEN a document whose spec has a bad field WHEN read THEN the path starts with spec.
    const error = readError({
      apiVersion: MESH_CLUSTER_API_VERSION,
      kind: 'MeshCluster',
      spec: { istio: { version: 'latest' } },
    });
    expect(error.issues.map(i => i.path)).toEqual(['spec.istio.version']);
    expect(
      readError({
        apiVersion: MESH_CLUSTER_API_VERSION,
        kind: 'MeshCluster',
        spec: [],
      }).issues[0].path,
    ).toBe('spec');
  });
});
