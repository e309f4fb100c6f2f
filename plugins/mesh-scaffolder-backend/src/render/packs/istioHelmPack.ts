import type { PackOutput, TemplatePack } from '../templatePack';

/** Istio through its Helm charts: base, istiod (or istiod-remote), and the ambient charts. */
export const istioHelmPack: TemplatePack = {
  name: 'istio/helm',
  outputs(context) {
    const { istio, cluster, facts } = context;
    if (istio.installMethod !== 'helm') {
      return [];
    }
    // The primary's injector serves a remote under a path naming the remote's cluster and network.
    const data = {
      remoteInjectionPath: `/inject/cluster/${cluster.name}/net/${cluster.network}`,
    };
    const common = {
      type: 'helmValues' as const,
      data,
      component: 'istio' as const,
      chartVersion: istio.version,
      namespace: istio.namespace,
    };
    const outputs: PackOutput[] = [
      {
        ...common,
        template: 'istio/helm/base-values.yaml.njk',
        file: 'istio/values/base.yaml',
        chart: 'base',
        release: 'istio-base',
      },
    ];
    if (cluster.isRemote && facts.istiodRemoteChart) {
      outputs.push({
        ...common,
        template: 'istio/helm/istiod-remote-values.yaml.njk',
        file: 'istio/values/istiod-remote.yaml',
        chart: 'istiod-remote',
        release: istio.istiodRelease,
      });
    } else {
      outputs.push({
        ...common,
        template: 'istio/helm/istiod-values.yaml.njk',
        file: 'istio/values/istiod.yaml',
        chart: 'istiod',
        release: istio.istiodRelease,
      });
    }
    if (istio.ambient) {
      outputs.push(
        {
          ...common,
          template: 'istio/helm/cni-values.yaml.njk',
          file: 'istio/values/cni.yaml',
          chart: 'cni',
          release: 'istio-cni',
        },
        {
          ...common,
          template: 'istio/helm/ztunnel-values.yaml.njk',
          file: 'istio/values/ztunnel.yaml',
          chart: 'ztunnel',
          release: 'ztunnel',
        },
      );
    }
    return outputs;
  },
};
