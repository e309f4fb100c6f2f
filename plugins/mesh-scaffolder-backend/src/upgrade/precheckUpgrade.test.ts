import { parseMeshClusterSpec } from '@mesh-templates/plugin-mesh-common';
import {
  loadExampleSpec,
  loadExampleSpecInput,
} from '../render/__testUtils__/exampleSpecs';
import { precheckUpgrade } from './precheckUpgrade';

/** The example 3-cluster mesh (Istio 1.30.3, helm, revision 1-30-3), with `istio` overrides. */
function exampleMesh(istio: Record<string, unknown> = {}) {
  const input = loadExampleSpecInput('multi-primary-3-clusters');
  return parseMeshClusterSpec({
    ...input,
    istio: { ...input.istio, ...istio },
  });
}

describe('precheckUpgrade', () => {
  it('accepts 1.30.3 → 1.31.0 and notes the CRD and Gateway API upgrades', () => {
    // GIVEN the example mesh WHEN prechecking the next minor
    const result = precheckUpgrade(exampleMesh(), '1.31.0');
    // THEN nothing is refused and the reviewer learns about CRDs and Gateway API v1.6.0
    expect(result.refusals).toEqual([]);
    expect(result.notes).toEqual([
      'CRDs: the base chart (istio-base) is upgraded to the target release at the canary stage, before the new istiod starts',
      'Gateway API: Istio 1.31 is built against Gateway API v1.6.0 (1.30: v1.5.1); install those CRDs before the canary where Gateway API resources are used',
    ]);
  });

  it('refuses a path that skips minor releases, naming the hops', () => {
    const spec = exampleMesh({ version: '1.17.8', revision: '1-17-8' });
    expect(precheckUpgrade(spec, '1.31.0').refusals).toEqual([
      '1.17.8 → 1.31.0 skips 13 minor releases: Istio supports the control plane at most one minor release ahead of the data plane, so upgrade one minor at a time (1.18 → 1.19 → 1.20 → 1.21 → 1.22 → 1.23 → 1.24 → 1.25 → 1.26 → 1.27 → 1.28 → 1.29 → 1.30 → 1.31)',
    ]);
  });

  it('refuses a downgrade, a same-version target and an unsupported target', () => {
    const spec = exampleMesh();
    expect(precheckUpgrade(spec, '1.29.0').refusals).toEqual([
      '1.30.3 → 1.29.0 is not an upgrade: the target must be newer than the running release',
    ]);
    expect(precheckUpgrade(spec, '1.30.3').refusals).toEqual([
      '1.30.3 → 1.30.3 is not an upgrade: the target must be newer than the running release',
    ]);
    expect(precheckUpgrade(spec, '1.32.0').refusals).toEqual([
      'target 1.32.0 is not a supported Istio release (1.17.x–1.31.x)',
    ]);
  });

  it('accepts a patch upgrade within the line', () => {
    expect(precheckUpgrade(exampleMesh(), '1.30.4').refusals).toEqual([]);
  });

  it('refuses operator on a target without the in-cluster controller', () => {
    // GIVEN an operator install of 1.23, the last line with the controller
    const spec = exampleMesh({
      version: '1.23.6',
      revision: '1-23-6',
      installMethod: 'operator',
    });
    // WHEN prechecking 1.24 THEN the removal is the reason
    expect(precheckUpgrade(spec, '1.24.0').refusals).toEqual([
      'installMethod operator: the in-cluster IstioOperator controller was removed in Istio 1.24, so it cannot install 1.24; move the mesh to helm first',
    ]);
  });

  it('refuses install methods whose second revision is not rendered, and a mesh without a revision', () => {
    const istioctl = exampleMesh({ installMethod: 'istioctl' });
    expect(precheckUpgrade(istioctl, '1.31.0').refusals).toEqual([
      'installMethod istioctl: staged upgrades render the second revision as a Helm release or a Sail IstioRevision; only helm and sail installs can be upgraded in stages',
    ]);
    const unrevisioned = exampleMesh({ revision: '', revisionTags: [] });
    expect(precheckUpgrade(unrevisioned, '1.31.0').refusals).toEqual([
      'istio.revision is empty: a canary upgrade runs two named revisions side by side; give the running control plane a revision first',
    ]);
  });

  it('refuses ambient primary-remote', () => {
    // GIVEN an ambient mesh recorded as primary-remote (built past the schema, which may refuse it)
    const spec = exampleMesh();
    const ambientRemote = {
      ...spec,
      istio: {
        ...spec.istio,
        dataplane: 'ambient' as const,
        profile: 'ambient' as const,
      },
      multiCluster: { ...spec.multiCluster, model: 'primary-remote' as const },
    };
    expect(precheckUpgrade(ambientRemote, '1.31.0').refusals).toEqual([
      'ambient primary-remote: Istio supports ambient multi-cluster only as multi-primary, so this mesh cannot be upgraded in stages',
    ]);
  });

  it('names value keys the target removed that the running values use', () => {
    // GIVEN a multi-cluster mesh on 1.24, whose values set global.multiCluster.enabled
    const spec = exampleMesh({ version: '1.24.6', revision: '1-24-6' });
    // WHEN prechecking 1.25, which removed the key THEN the note names it
    expect(precheckUpgrade(spec, '1.25.0').notes).toContain(
      "value key global.multiCluster.enabled is removed in 1.25: the new revision's values leave it out",
    );
  });

  it('refuses a compatibility profile the target no longer ships, naming what it offers', () => {
    // GIVEN a mesh on 1.29 keeping 1.24's behaviour (1.29's charts ship 1.24–1.26)
    const spec = exampleMesh({
      version: '1.29.4',
      revision: '1-29-4',
      compatibilityVersion: '1.24',
    });
    // WHEN prechecking 1.30, whose charts ship 1.25–1.29 THEN the removed profile is the reason
    expect(precheckUpgrade(spec, '1.30.3').refusals).toEqual([
      'istio.compatibilityVersion 1.24 is not offered by Istio 1.30 (it offers 1.25–1.29): unset it or raise it before upgrading',
    ]);
  });

  it('accepts a compatibility profile the target still ships', () => {
    // GIVEN 1.30.3 keeping 1.29's behaviour WHEN prechecking 1.31, which ships 1.25–1.30
    const spec = exampleMesh({ compatibilityVersion: '1.29' });
    expect(precheckUpgrade(spec, '1.31.0').refusals).toEqual([]);
  });

  it('refuses a second target while an upgrade is in progress', () => {
    const spec = exampleMesh({
      upgrade: { toVersion: '1.31.0', toRevision: '1-31-0', stage: 'canary' },
    });
    expect(precheckUpgrade(spec, '1.31.1').refusals).toEqual([
      'an upgrade to 1.31.0 is already in progress (stage canary); finish it first',
    ]);
  });

  describe('sail (Sail Operator 1.30.3, RevisionBased)', () => {
    /** The sail-1-30 example (revision prod, tag stable) with `istio` overrides. */
    function sailMesh(istio: Record<string, unknown> = {}) {
      const input = loadExampleSpecInput('sail-1-30');
      return parseMeshClusterSpec({
        ...input,
        istio: { ...input.istio, ...istio },
      });
    }

    it('accepts a target the operator installs, with a CRD note instead of the base chart', () => {
      const result = precheckUpgrade(sailMesh({ version: '1.29.6' }), '1.30.3');
      expect(result.refusals).toEqual([]);
      expect(result.notes).toContain(
        'CRDs: a sail bundle carries no base chart, so it applies no Istio CRDs; the Istio CRDs on the cluster must serve the target release before the canary',
      );
    });

    it('refuses 1.30.3 → 1.31.0: the operator installs up to 1.30.3', () => {
      expect(
        precheckUpgrade(loadExampleSpec('sail-1-30'), '1.31.0').refusals,
      ).toEqual([
        'installMethod sail: Sail Operator 1.30.3 installs Istio 1.28.0–1.30.3, not 1.31.0; upgrade the Sail Operator to a release that installs 1.31.0 first',
      ]);
    });

    it('refuses the InPlace strategy (no revision) and ambient, naming why', () => {
      const inPlace = sailMesh({
        version: '1.29.6',
        revision: '',
        revisionTags: [],
      });
      expect(precheckUpgrade(inPlace, '1.30.3').refusals).toEqual([
        'installMethod sail without istio.revision: the Istio resource uses updateStrategy InPlace, which replaces the control plane with no canary; give it a revision (RevisionBased) first',
      ]);
      const ambient = sailMesh({
        version: '1.29.6',
        dataplane: 'ambient',
        profile: 'ambient',
      });
      expect(precheckUpgrade(ambient, '1.30.3').refusals).toEqual([
        'installMethod sail with dataplane ambient: the Sail Operator supports only the InPlace update strategy for ambient, as ztunnel is a cluster-wide singleton (Sail Operator docs, update-strategy.adoc), so it cannot be upgraded in stages',
      ]);
    });
  });
});
