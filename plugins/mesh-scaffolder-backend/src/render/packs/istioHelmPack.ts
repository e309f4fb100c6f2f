import type { ClusterRenderContext } from '../clusterRenderContext';
import {
  baseValuesForNewestRevision,
  istiodValuesPerRevision,
} from '../controlPlaneValues';
import type {
  HelmValuesOutput,
  PackOutput,
  TemplatePack,
} from '../templatePack';

function istioChartValues(
  context: ClusterRenderContext,
  chart: { template: string; file: string; chart: string; release: string },
): HelmValuesOutput {
  const { istio, cluster } = context;
  return {
    type: 'helmValues',
    // The primary's injector serves a remote under a path naming the remote's cluster and network.
    data: {
      remoteInjectionPath: `/inject/cluster/${cluster.name}/net/${cluster.network}`,
    },
    component: 'istio',
    chartVersion: istio.version,
    namespace: istio.namespace,
    ...chart,
  };
}

/**
 * The istiod chart's values (istiod-remote's for a remote on releases that still ship it). The
 * Sail pack renders the same values into its `Istio` resource.
 */
export function istiodValuesOutput(
  context: ClusterRenderContext,
): HelmValuesOutput {
  const { istio, cluster, facts } = context;
  if (cluster.isRemote && facts.istiodRemoteChart) {
    return istioChartValues(context, {
      template: 'istio/helm/istiod-remote-values.yaml.njk',
      file: 'istio/values/istiod-remote.yaml',
      chart: 'istiod-remote',
      release: istio.istiodRelease,
    });
  }
  return istioChartValues(context, {
    template: 'istio/helm/istiod-values.yaml.njk',
    file: 'istio/values/istiod.yaml',
    chart: 'istiod',
    release: istio.istiodRelease,
  });
}

/** The ambient charts' values: the CNI node agent and ztunnel. */
export function ambientValuesOutputs(context: ClusterRenderContext): {
  cni: HelmValuesOutput;
  ztunnel: HelmValuesOutput;
} {
  return {
    cni: istioChartValues(context, {
      template: 'istio/helm/cni-values.yaml.njk',
      file: 'istio/values/cni.yaml',
      chart: 'cni',
      release: 'istio-cni',
    }),
    ztunnel: istioChartValues(context, {
      template: 'istio/helm/ztunnel-values.yaml.njk',
      file: 'istio/values/ztunnel.yaml',
      chart: 'ztunnel',
      release: 'ztunnel',
    }),
  };
}

/** Istio through its Helm charts: base, istiod (or istiod-remote), and the ambient charts. */
export const istioHelmPack: TemplatePack = {
  name: 'istio/helm',
  outputs(context) {
    if (context.istio.installMethod !== 'helm') {
      return [];
    }
    const outputs: PackOutput[] = [
      baseValuesForNewestRevision(
        context,
        istioChartValues(context, {
          template: 'istio/helm/base-values.yaml.njk',
          file: 'istio/values/base.yaml',
          chart: 'base',
          release: 'istio-base',
        }),
      ),
      // Two istiod releases while an upgrade is in progress, one otherwise.
      ...istiodValuesPerRevision(context, istiodValuesOutput),
    ];
    if (context.istio.ambient) {
      const { cni, ztunnel } = ambientValuesOutputs(context);
      outputs.push(cni, ztunnel);
    }
    return outputs;
  },
};
