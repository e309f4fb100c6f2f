import { parseMeshClusterSpec } from '@mesh-templates/plugin-mesh-common';
import { advanceUpgrade } from '../upgrade/advanceUpgrade';
import { renderMeshBundle } from './renderMeshBundle';
import {
  ARGOCD_RESOURCES_FINALIZER,
  MANAGED_BY_LABEL,
  REVISION_BOUND_KINDS,
  REVISION_LABEL,
} from './revisionLabels';
import { loadExampleSpecInput } from './__testUtils__/exampleSpecs';

function specWith(engine: 'argocd' | 'flux', revision: string) {
  const input = loadExampleSpecInput('multi-primary-3-clusters');
  return parseMeshClusterSpec({
    ...input,
    // Revision tags point at a named revision; an unrevisioned istiod has none.
    istio: {
      ...input.istio,
      revision,
      ...(revision === '' && { revisionTags: [] }),
    },
    gitops: { ...input.gitops, engine },
  });
}

/** The labelled objects of a rendered bundle, as `Kind name rev finalizers`. */
function labelled(spec: ReturnType<typeof specWith>): string[] {
  return renderMeshBundle(spec)
    .objects.map(o => o.object)
    .filter(o => o.metadata.labels?.[MANAGED_BY_LABEL])
    .map(o =>
      `${o.kind} ${o.metadata.name} ${o.metadata.labels?.[REVISION_LABEL]} ${(
        (o.metadata as { finalizers?: string[] }).finalizers ?? []
      ).join(',')}`.trim(),
    );
}

describe('revision labels of the GitOps release objects', () => {
  it('labels both istiod Applications of a canary with their revisions and the resources finalizer', () => {
    // GIVEN the example mesh (Argo CD) at the canary stage of 1.30.3 → 1.31.0
    const spec = advanceUpgrade(
      specWith('argocd', '1-30-3'),
      '1.31.0',
      'canary',
    ).spec;
    // WHEN it is rendered THEN only the two istiod Applications of each member are labelled
    const objects = labelled(spec);
    expect(objects.filter(o => o.includes('east-1-'))).toEqual([
      `Application east-1-istiod-1-30-3 1-30-3 ${ARGOCD_RESOURCES_FINALIZER}`,
      `Application east-1-istiod-1-31-0 1-31-0 ${ARGOCD_RESOURCES_FINALIZER}`,
    ]);
    expect(objects).toHaveLength(6);
  });

  it('labels the istiod HelmRelease with Flux, without a finalizer (helm-controller uninstalls on delete)', () => {
    // GIVEN the example mesh on Flux WHEN rendered THEN each member's istiod HelmRelease is labelled
    expect(labelled(specWith('flux', '1-30-3'))).toEqual([
      'HelmRelease istiod-1-30-3 1-30-3',
      'HelmRelease istiod-1-30-3 1-30-3',
      'HelmRelease istiod-1-30-3 1-30-3',
    ]);
  });

  it('labels nothing when istiod has no revision', () => {
    // GIVEN an unrevisioned control plane WHEN rendered THEN no object carries the labels
    expect(labelled(specWith('argocd', ''))).toEqual([]);
    expect(labelled(specWith('flux', ''))).toEqual([]);
  });

  it('labels only kinds that removal looks for', () => {
    // GIVEN both engines WHEN rendered THEN every labelled kind is a revision-bound kind
    const kinds = (['argocd', 'flux'] as const).flatMap(engine =>
      renderMeshBundle(specWith(engine, '1-30-3'))
        .objects.map(o => o.object)
        .filter(o => o.metadata.labels?.[MANAGED_BY_LABEL])
        .map(o => `${o.apiVersion} ${o.kind}`),
    );
    expect(new Set(kinds)).toEqual(
      new Set(REVISION_BOUND_KINDS.map(k => `${k.apiVersion} ${k.kind}`)),
    );
  });
});
