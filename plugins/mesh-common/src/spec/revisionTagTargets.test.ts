import { parseMeshClusterSpec } from './parseMeshClusterSpec';
import { revisionTagTargets } from './revisionTagTargets';

/** A parsed spec whose istio section is `istio` over a revisioned 1.30.3 mesh with tag `prod`. */
function specWith(istio: Record<string, unknown>) {
  return parseMeshClusterSpec({
    istio: {
      version: '1.30.3',
      revision: '1-30-3',
      revisionTags: ['prod'],
      injectionNamespaces: ['shop'],
      ...istio,
    },
  });
}

/** The helm upgrade 1.30.3 → 1.31.0 at `stage`. */
function helmUpgradeAt(stage: string) {
  return specWith({
    upgrade: {
      toVersion: '1.31.0',
      toRevision: '1-31-0',
      stage,
      movedNamespaces: stage === 'canary' ? [] : ['shop'],
    },
  });
}

/** The Sail install `prod` upgrading 1.29.6 → 1.30.3 at `stage`, as the canary stage records it. */
function sailUpgradeAt(stage: string) {
  return specWith({
    installMethod: 'sail',
    version: '1.29.6',
    revision: 'prod',
    revisionTags: ['stable'],
    upgrade: { toVersion: '1.30.3', toRevision: 'prod-v1-30-3', stage },
  });
}

describe('revisionTagTargets', () => {
  it('points the tags at the running revision outside an upgrade', () => {
    expect(revisionTagTargets(specWith({}))).toEqual({ '1-30-3': ['prod'] });
  });

  it('names an unrevisioned control plane default, as istiod labels itself', () => {
    expect(
      revisionTagTargets(specWith({ revision: '', revisionTags: [] })),
    ).toEqual({ default: [] });
  });

  it('keeps the stable tags on the running revision and the canary tag on the new one at canary and move', () => {
    for (const stage of ['canary', 'move']) {
      expect(revisionTagTargets(helmUpgradeAt(stage))).toEqual({
        '1-30-3': ['prod'],
        '1-31-0': ['canary'],
      });
    }
  });

  it('points every tag at the new revision at promote, leaving the old one none', () => {
    expect(revisionTagTargets(helmUpgradeAt('promote'))).toEqual({
      '1-30-3': [],
      '1-31-0': ['prod', 'canary'],
    });
  });

  it('follows a renamed canary tag', () => {
    const spec = specWith({
      upgrade: {
        toVersion: '1.31.0',
        toRevision: '1-31-0',
        stage: 'canary',
        canaryTag: 'next',
      },
    });
    expect(revisionTagTargets(spec)['1-31-0']).toEqual(['next']);
  });

  it('points the tags at the new revision once cleanup has recorded it', () => {
    // GIVEN the spec after cleanup: no upgrade, the new version and revision
    const spec = specWith({ version: '1.31.0', revision: '1-31-0' });
    expect(revisionTagTargets(spec)).toEqual({ '1-31-0': ['prod'] });
  });

  describe('installMethod sail', () => {
    it('names the revision as Sail names its IstioRevision, <revision>-v<x-y-z>', () => {
      const spec = specWith({
        installMethod: 'sail',
        revision: 'prod',
        revisionTags: ['stable'],
      });
      expect(revisionTagTargets(spec)).toEqual({ 'prod-v1-30-3': ['stable'] });
    });

    it('names an InPlace Istio default, its IstioRevision', () => {
      const spec = specWith({
        installMethod: 'sail',
        revision: '',
        revisionTags: [],
      });
      expect(revisionTagTargets(spec)).toEqual({ default: [] });
    });

    it('maps the stages onto both IstioRevisions', () => {
      expect(revisionTagTargets(sailUpgradeAt('canary'))).toEqual({
        'prod-v1-29-6': ['stable'],
        'prod-v1-30-3': ['canary'],
      });
      expect(revisionTagTargets(sailUpgradeAt('promote'))).toEqual({
        'prod-v1-29-6': [],
        'prod-v1-30-3': ['stable', 'canary'],
      });
    });

    it('takes the new IstioRevision name from the target version, as Sail does', () => {
      const spec = sailUpgradeAt('canary');
      const istio = {
        ...spec.istio,
        upgrade: { ...spec.istio.upgrade!, toRevision: 'prod-next' },
      };
      expect(Object.keys(revisionTagTargets({ istio }))).toEqual([
        'prod-v1-29-6',
        'prod-v1-30-3',
      ]);
    });
  });
});
