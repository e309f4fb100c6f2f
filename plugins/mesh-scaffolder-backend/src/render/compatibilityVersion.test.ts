import { parseMeshClusterSpec } from '@mesh-templates/plugin-mesh-common';
import { renderMeshBundle } from './renderMeshBundle';
import { loadExampleSpecInput } from './__testUtils__/exampleSpecs';

/** The example 3-cluster mesh (1.30.3, helm, revision 1-30-3) with `istio` overrides. */
function meshWith(istio: Record<string, unknown>) {
  const input = loadExampleSpecInput('multi-primary-3-clusters');
  input.istio = { ...input.istio, ...istio };
  return renderMeshBundle(parseMeshClusterSpec(input));
}

function istiodValuesOf(bundle: ReturnType<typeof renderMeshBundle>) {
  return bundle.helmValues
    .filter(v => v.cluster === 'east-1' && v.chart === 'istiod')
    .map(v => ({ release: v.release, values: v.values as any }));
}

function objectOf(
  bundle: ReturnType<typeof renderMeshBundle>,
  kind: string,
): any {
  return bundle.objects.find(
    o => o.cluster === 'east-1' && o.object.kind === kind,
  )!.object;
}

const UPGRADE_TO_1_31 = {
  toVersion: '1.31.0',
  toRevision: '1-31-0',
  stage: 'canary',
};

describe('istio.compatibilityVersion in the rendered control plane', () => {
  it('is the top-level compatibilityVersion of the istiod values, as a string', () => {
    const bundle = meshWith({ compatibilityVersion: '1.29' });
    expect(istiodValuesOf(bundle)).toEqual([
      {
        release: 'istiod-1-30-3',
        values: expect.objectContaining({ compatibilityVersion: '1.29' }),
      },
    ]);
    const file = bundle.files.find(
      f => f.path === 'clusters/east-1/istio/values/istiod.yaml',
    );
    expect(file?.content).toMatch(/^compatibilityVersion: "1.29"$/m);
  });

  it('is left out when unset', () => {
    const [istiod] = istiodValuesOf(meshWith({}));
    expect(istiod.values).not.toHaveProperty('compatibilityVersion');
  });

  it('goes into the IstioOperator values with istioctl', () => {
    const bundle = meshWith({
      installMethod: 'istioctl',
      compatibilityVersion: '1.28',
    });
    const operator = objectOf(bundle, 'IstioOperator');
    expect(operator.spec.values.compatibilityVersion).toBe('1.28');
  });

  it('goes into the Istio resource values with sail', () => {
    const bundle = meshWith({
      installMethod: 'sail',
      compatibilityVersion: '1.27',
    });
    expect(objectOf(bundle, 'Istio').spec.values.compatibilityVersion).toBe(
      '1.27',
    );
  });

  it('stays on both revisions while an upgrade runs to a release that ships it', () => {
    // GIVEN 1.30.3 → 1.31.0, and 1.31 still ships the 1.29 profile
    const bundle = meshWith({
      compatibilityVersion: '1.29',
      upgrade: UPGRADE_TO_1_31,
    });
    expect(
      istiodValuesOf(bundle).map(v => [
        v.release,
        v.values.compatibilityVersion,
      ]),
    ).toEqual([
      ['istiod-1-30-3', '1.29'],
      ['istiod-1-31-0', '1.29'],
    ]);
  });

  it("leaves it out of the new revision's values when the target no longer ships it", () => {
    // GIVEN a mesh on 1.29 keeping 1.24's behaviour, upgrading to 1.30, which dropped that profile
    // (precheck refuses this upgrade; the render still never writes a value the chart lacks)
    const bundle = meshWith({
      version: '1.29.4',
      revision: '1-29-4',
      compatibilityVersion: '1.24',
      upgrade: { toVersion: '1.30.3', toRevision: '1-30-3', stage: 'canary' },
    });
    expect(
      istiodValuesOf(bundle).map(v => [
        v.release,
        v.values.compatibilityVersion,
      ]),
    ).toEqual([
      ['istiod-1-29-4', '1.24'],
      ['istiod-1-30-3', undefined],
    ]);
  });
});
