import { readMeshClusterDocument } from '@mesh-templates/plugin-mesh-common';
import yaml from 'yaml';
import { renderMeshBundle } from '../render/renderMeshBundle';
import { loadExampleSpec } from '../render/__testUtils__/exampleSpecs';
import { validateBundle } from '../validate/validateBundle';
import { advanceUpgrade, UpgradeRefusedError } from './advanceUpgrade';
import { stageSpecs, UPGRADE_VARIANTS } from './__testUtils__/upgradeVariants';
import type { MeshClusterSpec } from '@mesh-templates/plugin-mesh-common';

/** The istiod releases of east-1: release, chart version, revision and tags. */
function istiods(spec: MeshClusterSpec) {
  return renderMeshBundle(spec)
    .helmValues.filter(v => v.cluster === 'east-1' && v.chart === 'istiod')
    .map(v => ({
      release: v.release,
      chartVersion: v.chartVersion,
      revision: v.values.revision,
      revisionTags: v.values.revisionTags,
    }));
}

function namespaceRevisions(spec: MeshClusterSpec) {
  return Object.fromEntries(
    renderMeshBundle(spec)
      .objects.filter(
        o => o.cluster === 'east-1' && o.object.kind === 'Namespace',
      )
      .filter(o => o.object.metadata.labels?.['istio.io/rev'])
      .map(o => [
        o.object.metadata.name,
        o.object.metadata.labels!['istio.io/rev'],
      ]),
  );
}

describe('advanceUpgrade', () => {
  const start = loadExampleSpec('multi-primary-3-clusters');
  const canary = advanceUpgrade(start, '1.31.0', 'canary').spec;
  const moved = advanceUpgrade(canary, '1.31.0', 'move', {
    namespaces: ['shop'],
  });
  const promoted = advanceUpgrade(moved.spec, '1.31.0', 'promote').spec;
  const cleaned = advanceUpgrade(promoted, '1.31.0', 'cleanup').spec;

  it('canary runs the new revision beside the old, tags prod → old and canary → new, nothing moves', () => {
    expect(istiods(canary)).toEqual([
      {
        release: 'istiod-1-30-3',
        chartVersion: '1.30.3',
        revision: '1-30-3',
        revisionTags: ['prod'],
      },
      {
        release: 'istiod-1-31-0',
        chartVersion: '1.31.0',
        revision: '1-31-0',
        revisionTags: ['canary'],
      },
    ]);
    expect(namespaceRevisions(canary)).toEqual({
      shop: 'prod',
      payments: 'prod',
    });
  });

  it('move relabels the chosen namespaces to the canary tag and lists the restarts', () => {
    expect(namespaceRevisions(moved.spec)).toEqual({
      shop: 'canary',
      payments: 'prod',
    });
    expect(moved.notes).toEqual([
      'namespace shop now follows tag canary: its workloads move to 1-31-0 only when restarted (kubectl rollout restart deployment,statefulset,daemonset -n shop)',
    ]);
  });

  it('promote points the stable tag at the new revision', () => {
    expect(istiods(promoted)).toEqual([
      {
        release: 'istiod-1-30-3',
        chartVersion: '1.30.3',
        revision: '1-30-3',
        revisionTags: [],
      },
      {
        release: 'istiod-1-31-0',
        chartVersion: '1.31.0',
        revision: '1-31-0',
        revisionTags: ['prod', 'canary'],
      },
    ]);
  });

  it('cleanup removes the old revision and records the new version; the result equals a fresh 1.31.0 spec', () => {
    expect(istiods(cleaned)).toEqual([
      {
        release: 'istiod-1-31-0',
        chartVersion: '1.31.0',
        revision: '1-31-0',
        revisionTags: ['prod'],
      },
    ]);
    expect(cleaned.istio.upgrade).toBeUndefined();
    const fresh = loadExampleSpec('multi-primary-3-clusters');
    expect(renderMeshBundle(cleaned).files).toEqual(
      renderMeshBundle({
        ...fresh,
        istio: {
          ...fresh.istio,
          version: '1.31.0',
          revision: '1-31-0',
          tag: '1.31.0',
        },
      }).files,
    );
  });

  it('every stage validates, and its spec document reads back as the same spec', () => {
    for (const spec of [canary, moved.spec, promoted, cleaned]) {
      const bundle = renderMeshBundle(spec);
      expect(validateBundle(bundle)).toEqual([]);
      const document = bundle.files.find(
        f => f.path === 'clusters/east-1/mesh-cluster.yaml',
      )!;
      expect(readMeshClusterDocument(yaml.parse(document.content))).toEqual(
        spec,
      );
    }
  });

  it('refuses stages out of order, naming where the spec is', () => {
    expect(() => advanceUpgrade(start, '1.31.0', 'promote')).toThrow(
      new UpgradeRefusedError([
        'promote to 1.31.0 needs an upgrade to 1.31.0 at stage canary or move; no upgrade is in progress',
      ]),
    );
    expect(() => advanceUpgrade(canary, '1.31.0', 'cleanup')).toThrow(
      'cleanup to 1.31.0 needs an upgrade to 1.31.0 at stage promote; the spec is at stage canary of an upgrade to 1.31.0',
    );
    expect(() => advanceUpgrade(canary, '1.31.0', 'canary')).toThrow(
      'an upgrade to 1.31.0 is already at stage canary',
    );
  });

  it('refuses to move a namespace outside the mesh', () => {
    expect(() =>
      advanceUpgrade(canary, '1.31.0', 'move', { namespaces: ['billing'] }),
    ).toThrow(
      'namespaces billing are not among istio.injectionNamespaces (shop, payments)',
    );
  });
});

describe('advanceUpgrade with installMethod sail', () => {
  /** The sail-1-30 example on 1.29.6: its Istio resource `prod`, tag `stable`. */
  const start = UPGRADE_VARIANTS.find(v => v.name === 'sail')!.spec();
  const [canary, move, promote, cleanup] = stageSpecs(
    UPGRADE_VARIANTS.find(v => v.name === 'sail')!,
  ).map(([, spec]) => spec);

  /** Each IstioRevisionTag of the bundle and what it points at. */
  function tagTargets(spec: MeshClusterSpec) {
    return Object.fromEntries(
      renderMeshBundle(spec)
        .objects.filter(o => o.object.kind === 'IstioRevisionTag')
        .map(o => {
          const ref = (o.object.spec as any).targetRef;
          return [o.object.metadata.name, `${ref.kind}/${ref.name}`];
        }),
    );
  }

  it('names the new IstioRevision as Sail does and pins the stable tag to the running one until promote', () => {
    expect(canary.istio.upgrade?.toRevision).toBe('prod-v1-30-3');
    expect(tagTargets(canary)).toEqual({
      stable: 'IstioRevision/prod-v1-29-6',
      canary: 'Istio/prod',
    });
    expect(tagTargets(move)).toEqual(tagTargets(canary));
    expect(tagTargets(promote)).toEqual({
      stable: 'Istio/prod',
      canary: 'Istio/prod',
    });
    expect(tagTargets(cleanup)).toEqual({ stable: 'Istio/prod' });
  });

  it('keeps the Istio resource name at cleanup and records the new version', () => {
    expect(cleanup.istio).toMatchObject({
      version: '1.30.3',
      revision: 'prod',
    });
    expect(cleanup.istio.upgrade).toBeUndefined();
    const notes = advanceUpgrade(promote, '1.30.3', 'cleanup').notes;
    expect(notes[0]).toBe(
      'the canary tag is removed and the spec records version 1.30.3; Sail deletes IstioRevision prod-v1-29-6 and its istiod itself once no proxy or tag uses it, after spec.updateStrategy.inactiveRevisionDeletionGracePeriodSeconds',
    );
  });

  it('renders the Istio resource at the target version from the canary on', () => {
    const versions = [start, canary, promote, cleanup].map(
      spec =>
        (
          renderMeshBundle(spec).objects.find(o => o.object.kind === 'Istio')
            ?.object.spec as any
        ).version,
    );
    expect(versions).toEqual(['v1.29.6', 'v1.30.3', 'v1.30.3', 'v1.30.3']);
  });
});
