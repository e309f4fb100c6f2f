import { parseMeshClusterSpec } from '@mesh-templates/plugin-mesh-common';
import { parse } from 'yaml';
import type { MeshBundle } from '../bundle/meshBundle';
import { meshFactsFromSpec } from '../gitops/meshFacts';
import { prerequisites } from '../gitops/prerequisites';
import { validateBundle } from '../validate/validateBundle';
import { renderMeshBundle } from './renderMeshBundle';
import { loadExampleSpecInput } from './__testUtils__/exampleSpecs';

/** The 3-cluster multi-primary mesh on an Istio version, ambient unless told, with a GitOps engine. */
function meshSpec(
  version: string,
  options: { engine?: string; ambient?: boolean } = {},
) {
  const input = loadExampleSpecInput('multi-primary-3-clusters');
  input.istio.version = version;
  input.istio.revision = version.replace(/\./g, '-');
  if (options.ambient ?? true) {
    input.istio.dataplane = 'ambient';
    input.istio.profile = 'ambient';
  }
  if (options.engine) {
    input.gitops = {
      engine: options.engine,
      repoUrl: 'https://git.example.com/platform/mesh.git',
    };
  }
  return parseMeshClusterSpec(input);
}

function gatewayApiObjects(bundle: MeshBundle, cluster = 'east-1') {
  return bundle.objects
    .filter(o => o.component === 'gateway-api' && o.cluster === cluster)
    .map(o => o.object as Record<string, any>);
}

function file(bundle: MeshBundle, path: string): string {
  const found = bundle.files.find(f => f.path === path);
  if (!found) throw new Error(`the bundle has no ${path}`);
  return found.content;
}

describe('the Gateway API CRDs component', () => {
  it('installs the release Istio 1.31 requires through Argo CD, ahead of the Istio charts', () => {
    // GIVEN an ambient multi-primary mesh on 1.31, whose east-west gateways are Gateway API objects
    const bundle = renderMeshBundle(meshSpec('1.31.0'));
    // THEN every cluster carries one Argo CD Application for Gateway API v1.6.0's standard CRDs
    for (const cluster of bundle.clusters) {
      expect(gatewayApiObjects(bundle, cluster)).toEqual([
        expect.objectContaining({
          kind: 'Application',
          metadata: expect.objectContaining({
            name: `${cluster}-gateway-api-crds`,
            annotations: { 'argocd.argoproj.io/sync-wave': '-1' },
          }),
        }),
      ]);
    }
    const [application] = gatewayApiObjects(bundle);
    expect(application.spec.source).toEqual({
      repoURL: 'https://github.com/kubernetes-sigs/gateway-api',
      path: 'config/crd',
      targetRevision: 'v1.6.0',
    });
    // AND it never prunes, as deleting a CRD deletes every object of its kind
    expect(application.spec.syncPolicy.automated.prune).toBe(false);
    // AND the tree applies it, the README names the release, and the bundle is valid
    expect(
      parse(file(bundle, 'clusters/east-1/kustomization.yaml')).resources,
    ).toContain('gateway-api/argocd-application.yaml');
    expect(file(bundle, 'clusters/east-1/README.md')).toContain(
      '- The Gateway API CRDs `v1.6.0` (standard channel), the release Istio 1.31 requires: Argo CD installs them',
    );
    expect(validateBundle(bundle)).toEqual([]);
  });

  it('names the release in the pull request prerequisites through the kind catalog', () => {
    // GIVEN the 1.31 and 1.30 ambient bundles
    for (const [version, gatewayApi] of [
      ['1.31.0', 'v1.6.0'],
      ['1.30.3', 'v1.5.1'],
    ]) {
      const spec = meshSpec(version);
      const bundle = renderMeshBundle(spec);
      // WHEN the prerequisites of east-1's tree are listed
      const items = prerequisites(
        bundle.index.filter(e => e.cluster === 'east-1'),
        meshFactsFromSpec(spec),
      );
      // THEN the Gateway API CRDs are one of them, with the release the line requires
      expect(items).toContain(
        `the Kubernetes Gateway API CRDs ${gatewayApi} (standard channel; Istio ${version.slice(
          0,
          4,
        )} requires it) — for \`gateway.networking.k8s.io\``,
      );
    }
  });

  it('installs them through a Flux source and Kustomization with Flux', () => {
    const bundle = renderMeshBundle(meshSpec('1.31.0', { engine: 'flux' }));
    const [source, kustomization] = gatewayApiObjects(bundle);
    expect(source).toMatchObject({
      kind: 'GitRepository',
      metadata: { name: 'gateway-api', namespace: 'flux-system' },
      spec: {
        url: 'https://github.com/kubernetes-sigs/gateway-api',
        ref: { tag: 'v1.6.0' },
      },
    });
    expect(kustomization).toMatchObject({
      kind: 'Kustomization',
      metadata: { name: 'east-1-gateway-api-crds' },
      spec: {
        path: './config/crd',
        prune: false,
        sourceRef: { kind: 'GitRepository', name: 'gateway-api' },
      },
    });
    expect(validateBundle(bundle)).toEqual([]);
  });

  it('gives kubectl-applied trees the install command instead of a remote resource', () => {
    const bundle = renderMeshBundle(
      meshSpec('1.31.0', { engine: 'kustomize' }),
    );
    expect(gatewayApiObjects(bundle)).toEqual([]);
    expect(file(bundle, 'clusters/east-1/README.md')).toContain(
      '`kubectl kustomize "https://github.com/kubernetes-sigs/gateway-api/config/crd?ref=v1.6.0" | kubectl apply --server-side -f -`',
    );
    expect(
      parse(file(bundle, 'clusters/east-1/kustomization.yaml')).resources,
    ).not.toContainEqual(expect.stringContaining('gateway-api'));
  });

  it('pins no release where the data records none, and is absent without Gateway API resources', () => {
    // GIVEN ambient on 1.27, whose Gateway API requirement the conformance data does not record
    const ambient127 = renderMeshBundle(meshSpec('1.27.9'));
    expect(
      ambient127.objects.some(o =>
        o.object.apiVersion.startsWith('gateway.networking.k8s.io/'),
      ),
    ).toBe(true);
    expect(gatewayApiObjects(ambient127)).toEqual([]);
    expect(file(ambient127, 'clusters/east-1/README.md')).toContain(
      '- The Gateway API CRDs (standard channel) in a release Istio 1.27 supports; the conformance data records none for 1.27, so this bundle pins none.',
    );
    // AND a sidecar mesh on 1.31 renders no Gateway API resource, so no CRDs either
    const sidecar = renderMeshBundle(meshSpec('1.31.0', { ambient: false }));
    expect(sidecar.index.some(e => e.component === 'gateway-api')).toBe(false);
    expect(file(sidecar, 'clusters/east-1/README.md')).not.toContain(
      'Gateway API',
    );
  });
});
