import { apiGroupOf } from '../../kinds/kindCatalog';
import type { ClusterRenderContext } from '../clusterRenderContext';
import type { PackOutput } from '../templatePack';

/** The API group of the Kubernetes Gateway API; no Kubernetes release ships its CRDs. */
export const GATEWAY_API_GROUP = 'gateway.networking.k8s.io';

/**
 * Where the Gateway API CRDs come from: the project's repository at a release tag, whose
 * `config/crd` kustomization is the standard channel (the form Istio's docs install). The bundle
 * points the GitOps engine there instead of copying over 1 MB of CRDs into every tree, so the
 * version pin is the whole review and an upgrade is a one-line diff.
 */
const GATEWAY_API_SOURCE = {
  repoUrl: 'https://github.com/kubernetes-sigs/gateway-api',
  path: 'config/crd',
};

/**
 * The command that installs a Gateway API release's standard CRDs by hand, for trees applied with
 * kubectl. Server-side, because the largest CRD (HTTPRoute) can outgrow the annotation a
 * client-side apply writes.
 */
export function gatewayApiCrdsCommand(version: string): string {
  const { repoUrl, path } = GATEWAY_API_SOURCE;
  return `kubectl kustomize "${repoUrl}/${path}?ref=${version}" | kubectl apply --server-side -f -`;
}

type Typed = { apiVersion: string };

/**
 * The facts whose Gateway API release the tree pins: those of the newest control plane. Like the
 * base chart's CRDs, the CRDs move at the canary stage, as the new istiod needs its release from
 * its first start; the running one keeps working, since the v1.6.0 standard CRDs serve every
 * version v1.5.1 served (the conformance data's config/crd/standard of both).
 */
function newestControlPlaneFacts(context: ClusterRenderContext) {
  const planes = context.istio.controlPlanes;
  return planes[planes.length - 1].facts;
}

/** Whether any of the objects is a Gateway API resource, which needs the Gateway API CRDs. */
export function rendersGatewayApi(objects: readonly Typed[]): boolean {
  return objects.some(o => apiGroupOf(o.apiVersion) === GATEWAY_API_GROUP);
}

const ENGINE_NAMES = { argocd: 'Argo CD', flux: 'Flux' } as const;

/**
 * The README's "must exist" line for a tree with Gateway API resources: which CRD release, and
 * whether the GitOps engine installs it or a command must; undefined for other trees.
 */
export function gatewayApiCrdsReadmeLine(
  context: ClusterRenderContext,
  objects: readonly Typed[],
): string | undefined {
  if (!rendersGatewayApi(objects)) return undefined;
  const { gatewayApiVersion: version, minor } =
    newestControlPlaneFacts(context);
  const { engine } = context.gitops;
  if (!version) {
    return `- The Gateway API CRDs (standard channel) in a release Istio 1.${minor} supports; the conformance data records none for 1.${minor}, so this bundle pins none.`;
  }
  const what = `- The Gateway API CRDs \`${version}\` (standard channel), the release Istio 1.${minor} requires`;
  return engine === 'kustomize'
    ? `${what}: \`${gatewayApiCrdsCommand(version)}\`.`
    : `${what}: ${ENGINE_NAMES[engine]} installs them from the \`gateway-api\` component ahead of the Istio charts.`;
}

/**
 * The Gateway API CRDs as their own component of a tree that renders Gateway API resources: the
 * Argo CD Application or Flux source and Kustomization that install the release the spec's Istio
 * line requires, ahead of the Istio charts. Nothing where that release is not recorded (the
 * prerequisites then name the CRDs without a version) or where kubectl applies the tree (the README
 * gives the command, as a plain `kubectl apply -k` of the tree must not reach out to the network).
 */
export function gatewayApiCrdsOutputs(
  context: ClusterRenderContext,
  objects: readonly Typed[],
): PackOutput[] {
  const version = newestControlPlaneFacts(context).gatewayApiVersion;
  const { engine, controllerNamespace: namespace } = context.gitops;
  if (!version || !rendersGatewayApi(objects) || engine === 'kustomize') {
    return [];
  }
  const gatewayApi = {
    ...GATEWAY_API_SOURCE,
    version,
    applicationName: `${context.cluster.name}-gateway-api-crds`,
    sourceName: 'gateway-api',
  };
  const common = {
    type: 'objects',
    component: 'gateway-api',
    appliedBy: 'kustomize',
    data: { gatewayApi },
  } as const;
  if (engine === 'argocd') {
    return [
      {
        ...common,
        template: 'gateway-api/argocd-application.yaml.njk',
        file: 'gateway-api/argocd-application.yaml',
        expects: [
          { kind: 'Application', name: gatewayApi.applicationName, namespace },
        ],
      },
    ];
  }
  return [
    {
      ...common,
      template: 'gateway-api/flux-crds.yaml.njk',
      file: 'gateway-api/flux-crds.yaml',
      expects: [
        { kind: 'GitRepository', name: gatewayApi.sourceName, namespace },
        { kind: 'Kustomization', name: gatewayApi.applicationName, namespace },
      ],
    },
  ];
}
