import { renderMeshBundle } from '../render/renderMeshBundle';
import { loadExampleSpec } from '../render/__testUtils__/exampleSpecs';
import { controlPlanes } from './istioInstallations';
import { validateBundle } from './validateBundle';

describe('Sail control planes in the semantic rules', () => {
  it('reads the revision Sail runs and the tags pointing at it', () => {
    const bundle = renderMeshBundle(loadExampleSpec('sail-1-30'));
    expect(
      controlPlanes(bundle).map(p => ({ revision: p.revision, tags: p.tags })),
    ).toEqual([{ revision: 'prod-v1-30-3', tags: ['stable'] }]);
  });

  it('refuses a namespace labelled with the Istio name, which no Sail revision carries', () => {
    // GIVEN the example with its application namespace moved from the tag to the resource name
    const bundle = renderMeshBundle(loadExampleSpec('sail-1-30'));
    const entry = bundle.objects.find(
      o => o.object.kind === 'Namespace' && o.object.metadata.name === 'shop',
    );
    if (!entry) throw new Error('the Sail example has no shop namespace');
    const namespace = structuredClone(entry.object);
    namespace.metadata.labels = {
      ...namespace.metadata.labels,
      'istio.io/rev': 'prod',
    };
    entry.object = namespace;
    // WHEN validated THEN the label is reported against the revision Sail runs
    expect(validateBundle(bundle)).toEqual([
      expect.objectContaining({
        subject: 'Namespace/shop',
        message: expect.stringContaining('prod-v1-30-3'),
      }),
    ]);
  });
});
