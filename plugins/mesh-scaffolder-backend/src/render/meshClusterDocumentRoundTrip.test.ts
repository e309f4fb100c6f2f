import {
  MESH_CLUSTER_DOCUMENT_FILE,
  readMeshClusterDocument,
} from '@mesh-templates/plugin-mesh-common';
import { parse } from 'yaml';
import { meshMembers } from './meshMembers';
import { renderMeshBundle } from './renderMeshBundle';
import { loadExampleSpecs, variantSpecs } from './__testUtils__/exampleSpecs';

describe('the spec document in each cluster folder', () => {
  const examples = [...loadExampleSpecs(), ...variantSpecs()];

  it.each(examples.map(e => [e.name, e.spec] as const))(
    '%s: render, read mesh-cluster.yaml back, render again gives byte-identical trees',
    (_name, spec) => {
      // GIVEN a bundle rendered from an example spec
      const first = renderMeshBundle(spec);
      for (const member of meshMembers(spec)) {
        // WHEN the member folder's spec document is read back and rendered
        const documentPath = `${member.targetPath}/${MESH_CLUSTER_DOCUMENT_FILE}`;
        const document = first.files.find(f => f.path === documentPath);
        expect(document).toBeDefined();
        const reread = readMeshClusterDocument(
          parse(document!.content, { uniqueKeys: true }),
        );
        const second = renderMeshBundle(reread);
        // THEN every file, the spec documents included, has the same bytes
        expect(second.files).toEqual(first.files);
      }
    },
  );

  it('writes the version and kind first, then the spec with its defaults written out', () => {
    // GIVEN the smallest spec WHEN rendered THEN the document spells out defaults the input left out
    const spec = loadExampleSpecs()[0].spec;
    const bundle = renderMeshBundle(spec);
    const document = bundle.files.find(f =>
      f.path.endsWith(`/${MESH_CLUSTER_DOCUMENT_FILE}`),
    )!;
    expect(document.content).toMatch(
      /^apiVersion: mesh\.backstage\.io\/v1alpha1\nkind: MeshCluster\nspec:\n/,
    );
    const written = parse(document.content).spec;
    expect(written.gitops.targetPath).toBe(spec.gitops.targetPath);
    expect(written.istio.tag).toBe(spec.istio.version);
    expect(written.observability.prometheus.url).toBe(
      spec.observability.prometheus.url,
    );
  });

  it('is not a kustomize resource, so no GitOps engine applies it', () => {
    // GIVEN a rendered bundle WHEN reading each kustomization THEN none lists the spec document
    const kustomizations = examples.flatMap(({ spec }) =>
      renderMeshBundle(spec).files.filter(f =>
        f.path.endsWith('kustomization.yaml'),
      ),
    );
    expect(kustomizations.length).toBeGreaterThan(examples.length);
    for (const file of kustomizations) {
      expect(file.content).not.toContain(MESH_CLUSTER_DOCUMENT_FILE);
    }
  });
});
