import type { z } from 'zod';
import type { DerivedMeshClusterSpec } from './derivedDefaults';
import { ISTIO_RELEASE_FACTS } from '../istio';

type RuleContext = z.RefinementCtx;

function report(ctx: RuleContext, path: (string | number)[], message: string) {
  ctx.addIssue({ code: 'custom', path, message });
}

function checkMeshMembership(spec: DerivedMeshClusterSpec, ctx: RuleContext) {
  const { multiCluster, cluster, istio } = spec;
  const thisIndex = multiCluster.clusters.findIndex(
    c => c.name === cluster.name,
  );
  const thisEntry = multiCluster.clusters[thisIndex];
  if (multiCluster.model === 'single') {
    if (istio.profile === 'remote') {
      report(
        ctx,
        ['istio', 'profile'],
        'remote is only for a remote cluster of a primary-remote mesh; with model single use default, demo, minimal, empty, preview, ambient, openshift or stable',
      );
    }
    return;
  }
  if (!thisEntry) {
    report(
      ctx,
      ['multiCluster', 'clusters'],
      `must include this cluster (cluster.name ${cluster.name}); the list describes every member of the mesh`,
    );
    return;
  }
  checkThisClusterEntry(spec, thisIndex, ctx);
  checkCrossNetworkGateways(spec, ctx);
  checkAmbientAcrossClusters(spec, ctx);
}

/** This cluster's own row of the member list agrees with the rest of its spec. */
function checkThisClusterEntry(
  spec: DerivedMeshClusterSpec,
  thisIndex: number,
  ctx: RuleContext,
) {
  const { multiCluster, cluster, istio, eastWestGateway } = spec;
  const thisEntry = multiCluster.clusters[thisIndex];
  if (thisEntry.network !== cluster.network) {
    report(
      ctx,
      ['multiCluster', 'clusters', thisIndex, 'network'],
      `must equal cluster.network (${cluster.network}) for this cluster`,
    );
  }
  const isRemote = thisEntry.role === 'remote';
  if (isRemote !== (istio.profile === 'remote')) {
    report(
      ctx,
      ['istio', 'profile'],
      isRemote
        ? `must be remote: this cluster is listed as a remote of ${thisEntry.primaryClusterName}`
        : 'remote is only for clusters listed with role remote; use default or another primary profile',
    );
  }
  if (
    eastWestGateway.loadBalancerIP !== '' &&
    thisEntry.eastWestGatewayAddress !== '' &&
    eastWestGateway.loadBalancerIP !== thisEntry.eastWestGatewayAddress
  ) {
    report(
      ctx,
      ['multiCluster', 'clusters', thisIndex, 'eastWestGatewayAddress'],
      `must equal eastWestGateway.loadBalancerIP (${eastWestGateway.loadBalancerIP}) for this cluster, or be empty`,
    );
  }
}

/** Traffic between networks, and remotes reaching their primary's istiod, pass east-west gateways. */
function checkCrossNetworkGateways(
  spec: DerivedMeshClusterSpec,
  ctx: RuleContext,
) {
  const { multiCluster, cluster, eastWestGateway } = spec;
  const networks = new Set(multiCluster.clusters.map(c => c.network));
  if (networks.size > 1 && !eastWestGateway.enabled) {
    report(
      ctx,
      ['eastWestGateway', 'enabled'],
      `must be true: the mesh spans ${networks.size} networks, and traffic between networks passes east-west gateways`,
    );
  }
  const primariesWithRemotes = new Set(
    multiCluster.clusters
      .filter(c => c.role === 'remote')
      .map(c => c.primaryClusterName),
  );
  multiCluster.clusters.forEach((member, index) => {
    if (
      primariesWithRemotes.has(member.name) &&
      member.eastWestGatewayAddress === ''
    ) {
      report(
        ctx,
        ['multiCluster', 'clusters', index, 'eastWestGatewayAddress'],
        `must be set for ${member.name}: its remotes reach istiod through this address`,
      );
    }
  });
  if (primariesWithRemotes.has(cluster.name) && !eastWestGateway.enabled) {
    report(
      ctx,
      ['eastWestGateway', 'enabled'],
      'must be true: this primary exposes istiod to its remote clusters through the east-west gateway',
    );
  }
}

function checkAmbientAcrossClusters(
  spec: DerivedMeshClusterSpec,
  ctx: RuleContext,
) {
  const { istio } = spec;
  if (
    istio.dataplane === 'ambient' &&
    !ISTIO_RELEASE_FACTS.lineOf(istio.version)?.ambientMultiCluster
  ) {
    report(
      ctx,
      ['istio', 'dataplane'],
      `ambient across clusters needs Istio 1.${ISTIO_RELEASE_FACTS.firstMinorWhere(
        line => line.ambientMultiCluster,
      )}.0 or later (got ${istio.version}); use sidecar or model single`,
    );
  }
}

function checkGateways(spec: DerivedMeshClusterSpec, ctx: RuleContext) {
  const { ingressGateway, eastWestGateway, istio } = spec;
  if (
    ingressGateway.enabled &&
    eastWestGateway.enabled &&
    ingressGateway.loadBalancerIP !== '' &&
    ingressGateway.loadBalancerIP === eastWestGateway.loadBalancerIP
  ) {
    report(
      ctx,
      ['eastWestGateway', 'loadBalancerIP'],
      `must differ from ingressGateway.loadBalancerIP (${ingressGateway.loadBalancerIP}); each gateway Service needs its own address`,
    );
  }
  if (
    ingressGateway.enabled &&
    eastWestGateway.enabled &&
    ingressGateway.namespace === istio.namespace &&
    ingressGateway.name === eastWestGateway.name
  ) {
    report(
      ctx,
      ['eastWestGateway', 'name'],
      `must differ from ingressGateway.name (${ingressGateway.name}) in the same namespace`,
    );
  }
}

function checkObservability(spec: DerivedMeshClusterSpec, ctx: RuleContext) {
  const { prometheus, grafana, kiali, tracing } = spec.observability;
  if (kiali.enabled && kiali.externalUrls.prometheus === '') {
    report(
      ctx,
      ['observability', 'kiali', 'externalUrls', 'prometheus'],
      'must be an http(s) URL when Kiali is enabled (set it here or set observability.prometheus.url; stack none has no default URL): Kiali reads all its data from Prometheus',
    );
  }
  if (
    kiali.enabled &&
    kiali.authStrategy === 'openshift' &&
    spec.cluster.platform !== 'openshift'
  ) {
    report(
      ctx,
      ['observability', 'kiali', 'authStrategy'],
      `openshift needs cluster.platform openshift (got ${spec.cluster.platform}); use token, openid, header or anonymous`,
    );
  }
  if (grafana.enabled && grafana.namespace === '') {
    report(
      ctx,
      ['observability', 'grafana', 'namespace'],
      'must be set when Grafana is enabled and prometheus.stack is none: dashboards go into the namespace Grafana watches',
    );
  }
  if (grafana.tempoDatasource && tracing.backend !== 'tempo') {
    report(
      ctx,
      ['observability', 'grafana', 'tempoDatasource'],
      `needs observability.tracing.backend tempo (got ${tracing.backend})`,
    );
  }
  if (
    prometheus.stack === 'none' &&
    Object.keys(prometheus.monitorLabels).length > 0
  ) {
    report(
      ctx,
      ['observability', 'prometheus', 'monitorLabels'],
      'must be empty when stack is none: no monitors are rendered',
    );
  }
}

/**
 * Derived fields may be given as empty strings (a complete spec parses again unchanged); where a
 * feature needs the value, empty is an error rather than a silently broken manifest.
 */
function checkNeededValuesPresent(
  spec: DerivedMeshClusterSpec,
  ctx: RuleContext,
) {
  const { prometheus, tracing } = spec.observability;
  const tls = spec.ingressGateway.tls;
  if (tls.enabled && tls.secretName === '') {
    report(
      ctx,
      ['ingressGateway', 'tls', 'secretName'],
      'must be a Secret name (or absent, to derive it from the first host) when TLS is enabled',
    );
  }
  if (tls.enabled && tls.certificateName === '') {
    report(
      ctx,
      ['ingressGateway', 'tls', 'certificateName'],
      'must be a Certificate name (or absent, to use the secret name) when TLS is enabled',
    );
  }
  if (prometheus.stack !== 'none' && prometheus.namespace === '') {
    report(
      ctx,
      ['observability', 'prometheus', 'namespace'],
      `must be the namespace of ${prometheus.stack} (or absent, for its usual namespace)`,
    );
  }
  if (tracing.backend !== 'none') {
    if (tracing.backendNamespace === '') {
      report(
        ctx,
        ['observability', 'tracing', 'backendNamespace'],
        `must be the namespace of ${tracing.backend} (or absent, for its usual namespace)`,
      );
    }
    if (tracing.proxyExportAddress === '') {
      report(
        ctx,
        ['observability', 'tracing', 'proxyExportAddress'],
        'must be host:port (or absent, to derive it) when tracing is on',
      );
    }
  }
  if (tracing.viaOtelCollector && tracing.collectorExportAddress === '') {
    report(
      ctx,
      ['observability', 'tracing', 'collectorExportAddress'],
      'must be host:port (or absent, to derive it) when viaOtelCollector is on',
    );
  }
  if (
    spec.gitops.engine !== 'kustomize' &&
    spec.gitops.controllerNamespace === ''
  ) {
    report(
      ctx,
      ['gitops', 'controllerNamespace'],
      `must be the namespace of ${spec.gitops.engine} (or absent, for its usual namespace)`,
    );
  }
}

/** Rules spanning sections, checked on the complete (derived) spec. */
export function checkCrossFieldRules(
  spec: DerivedMeshClusterSpec,
  ctx: RuleContext,
) {
  checkMeshMembership(spec, ctx);
  checkGateways(spec, ctx);
  checkObservability(spec, ctx);
  checkNeededValuesPresent(spec, ctx);
}
