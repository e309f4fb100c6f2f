import { ISTIO_RELEASE_FACTS } from '@mesh-templates/plugin-mesh-common';
import { renderMeshBundle } from '../render/renderMeshBundle';
import {
  loadExampleSpecs,
  variantSpecs,
} from '../render/__testUtils__/exampleSpecs';
import { findKubernetesModel } from '../validate/kubernetesModels';
import { apiGroupOf, kindFacts, knownCrdFor } from './kindCatalog';

/** Every apiVersion/kind pair that any example or variant bundle renders. */
function renderedKinds(): Array<{ apiVersion: string; kind: string }> {
  const pairs = new Map<string, { apiVersion: string; kind: string }>();
  for (const { spec } of [...loadExampleSpecs(), ...variantSpecs()]) {
    for (const { object } of renderMeshBundle(spec).objects) {
      const { apiVersion, kind } = object;
      pairs.set(`${apiVersion}/${kind}`, { apiVersion, kind });
    }
  }
  return [...pairs.values()];
}

describe('kindCatalog', () => {
  const rendered = renderedKinds();

  it('knows the CRD and its installer of every custom kind the example bundles contain', () => {
    // GIVEN every kind the example bundles render that Kubernetes does not serve itself
    const custom = rendered
      .map(({ apiVersion, kind }) => kindFacts(apiGroupOf(apiVersion), kind))
      .filter(facts => !facts.builtIn);
    expect(custom.length).toBeGreaterThan(5);

    // THEN each has a named CRD whose name ends in its group, and an installer to point at
    const unknown = custom.filter(({ group, kind }) => {
      const crd = knownCrdFor(group, kind);
      return !crd || !crd.name.endsWith(`.${group}`) || !crd.installedBy;
    });
    expect(unknown).toEqual([]);
  });

  it('names only model packages that type the rendered kinds', () => {
    // GIVEN the rendered kinds the catalog says a kubernetes-models package validates
    const modelled = rendered.filter(
      ({ apiVersion, kind }) =>
        kindFacts(apiGroupOf(apiVersion), kind).modelPackage,
    );
    expect(modelled.length).toBeGreaterThan(10);
    // THEN that package has a class for each of them
    const untyped = modelled.filter(
      ({ apiVersion, kind }) => !findKubernetesModel(apiVersion, kind),
    );
    expect(untyped).toEqual([]);
  });

  it('tells built-in kinds, CRD kinds and kustomize files apart', () => {
    expect(kindFacts('', 'Namespace')).toMatchObject({
      builtIn: true,
      crdName: undefined,
      installedBy: undefined,
      modelPackage: 'kubernetes-models',
    });
    expect(kindFacts('networking.k8s.io', 'NetworkPolicy').builtIn).toBe(true);
    // Gateway API shares the k8s.io domain but is a CRD of its own project.
    expect(kindFacts('gateway.networking.k8s.io', 'Gateway')).toMatchObject({
      builtIn: false,
      crdName: 'gateways.gateway.networking.k8s.io',
      installedBy: 'the Kubernetes Gateway API CRDs',
      modelPackage: undefined,
    });
    expect(kindFacts('kustomize.config.k8s.io', 'Kustomization')).toMatchObject(
      { builtIn: false, kustomizeOnly: true, installedBy: undefined },
    );
  });

  it("names the Gateway API release the cluster's Istio line requires, where the line records one", () => {
    const gatewayApiOn = (version: string) =>
      kindFacts(
        'gateway.networking.k8s.io',
        'Gateway',
        ISTIO_RELEASE_FACTS.factsFor(version),
      ).installedBy;
    expect(gatewayApiOn('1.31.0')).toBe(
      'the Kubernetes Gateway API CRDs v1.6.0 (standard channel; Istio 1.31 requires it)',
    );
    expect(gatewayApiOn('1.30.3')).toBe(
      'the Kubernetes Gateway API CRDs v1.5.1 (standard channel; Istio 1.30 requires it)',
    );
    expect(gatewayApiOn('1.27.9')).toBe('the Kubernetes Gateway API CRDs');
    // Other groups do not depend on the line.
    expect(
      kindFacts(
        'networking.istio.io',
        'Gateway',
        ISTIO_RELEASE_FACTS.factsFor('1.31.0'),
      ).installedBy,
    ).toBe('the Istio base chart (or istioctl install)');
  });

  it('answers for a group under a known domain, but never with a sibling group’s CRD', () => {
    // GIVEN an Istio group the bundles never render, and an Istio kind name in the wrong group
    expect(kindFacts('extensions.istio.io', 'WasmPlugin')).toMatchObject({
      installedBy: 'the Istio base chart (or istioctl install)',
      modelPackage: '@kubernetes-models/istio',
      crdName: undefined,
    });
    expect(knownCrdFor('security.istio.io', 'Gateway')).toBeUndefined();
    expect(knownCrdFor('networking.istio.io', 'Gateway')?.name).toBe(
      'gateways.networking.istio.io',
    );
  });

  it('knows nothing of kinds outside the bundles', () => {
    expect(knownCrdFor('example.com', 'Widget')).toBeUndefined();
    expect(kindFacts('example.com', 'Widget')).toEqual({
      group: 'example.com',
      kind: 'Widget',
      builtIn: false,
      kustomizeOnly: false,
    });
  });
});
