import type { PackOutput, TemplatePack } from '../templatePack';

/** Cross-network service exposure and, on primaries with remotes, istiod exposure. */
export const multiClusterPack: TemplatePack = {
  name: 'multicluster',
  outputs(context) {
    const { istio, eastWestGateway } = context;
    const outputs: PackOutput[] = [];
    // Ambient meshes cross networks over HBONE through the east-west Gateway of the gateways
    // pack; the sidecar-era passthrough Gateways do not apply to them.
    if (!eastWestGateway.enabled || istio.ambient) {
      return outputs;
    }
    outputs.push({
      type: 'objects',
      template: 'multicluster/cross-network-gateway.yaml.njk',
      file: 'multicluster/cross-network-gateway.yaml',
      component: 'multi-cluster',
      appliedBy: 'kustomize',
      expects: [
        {
          kind: 'Gateway',
          name: 'cross-network-gateway',
          namespace: istio.namespace,
        },
      ],
    });
    if (eastWestGateway.exposeIstiod) {
      const service = istio.hasRevision ? `istiod-${istio.revision}` : 'istiod';
      outputs.push({
        type: 'objects',
        template: 'multicluster/expose-istiod.yaml.njk',
        file: 'multicluster/expose-istiod.yaml',
        component: 'multi-cluster',
        appliedBy: 'kustomize',
        data: { istiodHost: `${service}.${istio.namespace}.svc.cluster.local` },
        expects: [
          {
            kind: 'Gateway',
            name: 'istiod-gateway',
            namespace: istio.namespace,
          },
          {
            kind: 'VirtualService',
            name: 'istiod-vs',
            namespace: istio.namespace,
          },
        ],
      });
    }
    return outputs;
  },
};
