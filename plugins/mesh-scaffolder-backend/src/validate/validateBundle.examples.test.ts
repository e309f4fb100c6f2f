import type { MeshClusterSpec } from '@mesh-templates/plugin-mesh-common';
import { renderMeshBundle } from '../render/renderMeshBundle';
import {
  loadExampleSpecs,
  variantSpecs,
} from '../render/__testUtils__/exampleSpecs';
import { validateBundle } from './validateBundle';

/**
 * Rendered bundles in which the validator finds real defects; each is asserted exactly below so
 * that a renderer fix (or a validator regression) shows up here.
 */
const withKnownDefects = new Set([
  'seed-000-rancher-day2',
  'primary-remote-1-23',
]);

const examples = [...loadExampleSpecs(), ...variantSpecs()];

function specNamed(name: string): MeshClusterSpec {
  const found = examples.find(e => e.name === name);
  if (!found) throw new Error(`no example ${name}`);
  return found.spec;
}

describe('validateBundle on rendered example bundles', () => {
  it.each(
    examples
      .filter(e => !withKnownDefects.has(e.name))
      .map(e => [e.name, e.spec] as const),
  )('%s validates without problems', (_name, spec) => {
    // GIVEN the bundle the renderer makes from an example spec
    const bundle = renderMeshBundle(spec);
    // WHEN it is validated THEN no object, values file or mesh rule has a problem
    expect(validateBundle(bundle)).toEqual([]);
  });

  it('seed-000: the proxies send spans to a zipkin Service that the rendered Jaeger does not create', () => {
    // GIVEN seed 000, whose spec keeps the article's zipkin.istio-system address while the bundle
    // renders a Jaeger CR (the operator creates jaeger-collector, -query, -agent, -headless)
    const problems = validateBundle(
      renderMeshBundle(specNamed('seed-000-rancher-day2')),
    );
    // THEN exactly the two control planes' zipkin provider addresses are reported
    expect(problems.map(p => [p.file, p.path])).toEqual([
      [
        'clusters/mcsps-test-k8s-01/istio/istio-operator.yaml',
        'spec.meshConfig.extensionProviders[0].zipkin.service',
      ],
      [
        'clusters/mcsps-test-k8s-02/istio/istio-operator.yaml',
        'spec.meshConfig.extensionProviders[0].zipkin.service',
      ],
    ]);
    expect(problems[0].message).toContain('jaeger-collector.istio-system');
  });

  it('primary-remote 1.23: the remote cluster labels namespaces with a revision tag its istiod-remote values do not define', () => {
    // GIVEN the 1.23 primary-remote variant, whose istiod-remote values carry no revisionTags
    const problems = validateBundle(
      renderMeshBundle(specNamed('primary-remote-1-23')),
    );
    // THEN the remote's injected namespaces are reported on their istio.io/rev label
    expect(problems.length).toBeGreaterThan(0);
    for (const problem of problems) {
      expect(problem.file).toBe('clusters/west-1/namespaces.yaml');
      expect(problem.path).toBe('metadata.labels["istio.io/rev"]');
      expect(problem.message).toContain(
        'is "prod" but istiod (clusters/west-1/istio/values/istiod-remote.yaml revision) runs revision "1-23-6"',
      );
    }
  });
});
