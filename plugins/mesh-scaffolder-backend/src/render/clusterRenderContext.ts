import type {
  IstioMinorFacts,
  MeshClusterSpec,
} from '@mesh-templates/plugin-mesh-common';
import { controlPlaneRevisions } from './controlPlaneRevisions';
import { grafanaDashboardReferences } from './grafanaDashboards';
import { MeshMember, meshMembers } from './meshMembers';

function splitHostPort(address: string): { host: string; port: number } {
  const separator = address.lastIndexOf(':');
  return {
    host: address.slice(0, separator),
    port: Number(address.slice(separator + 1)),
  };
}

function injectionLabels(spec: MeshClusterSpec): Record<string, string> {
  const { istio } = spec;
  if (istio.dataplane === 'ambient') {
    return { 'istio.io/dataplane-mode': 'ambient' };
  }
  if (istio.revision !== '') {
    // A tag lets namespaces survive a canary switch without relabelling.
    return { 'istio.io/rev': istio.revisionTags[0] ?? istio.revision };
  }
  return { 'istio-injection': 'enabled' };
}

function tracingContext(spec: MeshClusterSpec) {
  const tracing = spec.observability.tracing;
  const enabled = tracing.backend !== 'none';
  const proxyExport = enabled
    ? splitHostPort(tracing.proxyExportAddress)
    : { host: '', port: 0 };
  const collectorExport = tracing.collectorExportAddress
    ? splitHostPort(tracing.collectorExportAddress)
    : { host: '', port: 0 };
  return {
    ...tracing,
    enabled,
    providerName:
      tracing.proxyProtocol === 'zipkin' ? 'zipkin' : 'otel-tracing',
    proxyExportHost: proxyExport.host,
    proxyExportPort: proxyExport.port,
    collectorExportEndpoint: tracing.collectorExportAddress,
    collectorExportHost: collectorExport.host,
    jaegerBasePath: tracing.queryUrl
      ? new URL(tracing.queryUrl).pathname.replace(/\/$/, '')
      : '',
  };
}

/** A remote cluster always takes Istio's remote profile, and only a remote cluster may. */
function istioProfile(
  spec: MeshClusterSpec,
  isRemote: boolean,
): MeshClusterSpec['istio']['profile'] {
  if (isRemote) {
    return 'remote';
  }
  return spec.istio.profile === 'remote' ? 'default' : spec.istio.profile;
}

function clusterContext(
  spec: MeshClusterSpec,
  member: MeshMember,
  members: MeshMember[],
  hasRemotes: boolean,
) {
  const isRemote = member.role === 'remote';
  const primary = members.find(m => m.name === member.primaryClusterName);
  return {
    name: member.name,
    network: member.network,
    platform: spec.cluster.platform,
    // Only these distributions have an Istio platform profile; RKE2 and Rancher run as generic.
    istioPlatform: ['openshift', 'k3s'].includes(spec.cluster.platform)
      ? spec.cluster.platform
      : '',
    role: member.role,
    isRemote,
    multiCluster: spec.multiCluster.model !== 'single',
    model: spec.multiCluster.model,
    primaryClusterName: member.primaryClusterName,
    remotePilotAddress:
      isRemote && primary ? primary.eastWestGatewayAddress : '',
    hasRemotes,
    targetPath: member.targetPath,
  };
}

function peersContext(member: MeshMember, members: MeshMember[]) {
  return members
    .filter(m => m.name !== member.name)
    .map(m => ({
      name: m.name,
      network: m.network,
      role: m.role,
      eastWestGatewayAddress: m.eastWestGatewayAddress,
    }));
}

function istioContext(
  spec: MeshClusterSpec,
  member: MeshMember,
  facts: IstioMinorFacts,
  upgradeFacts?: IstioMinorFacts,
) {
  const { upgrade } = spec.istio;
  const revisionSuffix = spec.istio.revision ? `-${spec.istio.revision}` : '';
  return {
    ...spec.istio,
    profile: istioProfile(spec, member.role === 'remote'),
    hasHub: spec.istio.hub !== '',
    hasRevision: spec.istio.revision !== '',
    istiodRelease: `istiod${revisionSuffix}`,
    controlPlaneName: `control-plane${revisionSuffix}`,
    injectionLabels: injectionLabels(spec),
    // Namespaces moved during an upgrade follow the canary tag, i.e. the new revision; ambient
    // ones stay in ambient mode (the tag only picks the control plane).
    movedNamespaces: upgrade?.movedNamespaces ?? [],
    canaryInjectionLabels: (upgrade
      ? { ...injectionLabels(spec), 'istio.io/rev': upgrade.canaryTag }
      : {}) as Record<string, string>,
    controlPlanes: controlPlaneRevisions(spec, facts, upgradeFacts),
    ambient: spec.istio.dataplane === 'ambient',
  };
}

/** Addresses in the spec belong to the spec's own cluster; other members use their listed ones. */
function gatewaysContext(
  spec: MeshClusterSpec,
  member: MeshMember,
  hasRemotes: boolean,
) {
  const { ingressGateway, eastWestGateway } = spec;
  const ownAddresses = member.isSpecCluster;
  return {
    eastWestGateway: {
      ...eastWestGateway,
      enabled: eastWestGateway.enabled,
      // Peers are reached at their listed address; this cluster's own fixed IP wins when set.
      loadBalancerIP:
        eastWestGateway.serviceType !== 'LoadBalancer'
          ? ''
          : (ownAddresses && eastWestGateway.loadBalancerIP) ||
            member.eastWestGatewayAddress,
      // Remotes fetch their configuration from this primary's istiod through the gateway.
      exposeIstiod: hasRemotes,
    },
    ingressGateway: {
      ...ingressGateway,
      loadBalancerIP: ownAddresses ? ingressGateway.loadBalancerIP : '',
      metallb: {
        ...ingressGateway.metallb,
        enabled: ownAddresses && ingressGateway.metallb.enabled,
      },
    },
  };
}

function observabilityContext(spec: MeshClusterSpec) {
  const { observability } = spec;
  return {
    ...observability,
    tracing: tracingContext(spec),
    kiali: {
      ...observability.kiali,
      // Kiali 2 replaced accessible_namespaces with discovery selectors and in_cluster_url with internal_url.
      kialiV1: observability.kiali.version.startsWith('v1.'),
      allNamespaces: observability.kiali.accessibleNamespaces.includes('**'),
    },
    grafana: {
      ...observability.grafana,
      dashboards: grafanaDashboardReferences(
        observability.grafana.istioDashboards,
      ),
    },
    monitorsEnabled: observability.prometheus.stack !== 'none',
  };
}

/**
 * Everything the templates of one cluster tree read. Values are computed here, in code, from the
 * validated spec; templates only place them. The member decides what differs per cluster (name,
 * network, role, addresses); everything mesh-wide comes from the spec unchanged, so every tree of
 * one mesh agrees on meshID, trust domain, revision, hub, tag and version. `facts` are those of
 * the spec's Istio release line; templates branch on them, never on version numbers.
 */
export function clusterRenderContext(
  spec: MeshClusterSpec,
  member: MeshMember,
  facts: IstioMinorFacts,
  upgradeFacts?: IstioMinorFacts,
) {
  const members = meshMembers(spec);
  const hasRemotes = members.some(
    m => m.role === 'remote' && m.primaryClusterName === member.name,
  );
  const { eastWestGateway, ingressGateway } = gatewaysContext(
    spec,
    member,
    hasRemotes,
  );
  return {
    mesh: spec.mesh,
    cluster: clusterContext(spec, member, members, hasRemotes),
    peers: peersContext(member, members),
    facts,
    istio: istioContext(spec, member, facts, upgradeFacts),
    eastWestGateway,
    ingressGateway,
    observability: observabilityContext(spec),
    policy: spec.policy,
    gitops: { ...spec.gitops, targetPath: member.targetPath },
  };
}

export type ClusterRenderContext = ReturnType<typeof clusterRenderContext>;
