import {
  SAIL_OPERATOR_FACTS,
  sailIstioVersion,
} from '@mesh-templates/plugin-mesh-common';
import type { ClusterRenderContext } from '../clusterRenderContext';
import { renderHelmValuesOutput } from '../renderPackOutput';
import type { DeclaredObject, TemplatePack } from '../templatePack';
import { ambientValuesOutputs, istiodValuesOutput } from './istioHelmPack';

/** Namespace of the operator's own Helm release, as Sail's install docs name it. */
export const SAIL_OPERATOR_NAMESPACE = 'sail-operator';

/** Sail reconciles a single IstioCNI and a single ZTunnel per cluster, both named `default`. */
const SAIL_SINGLETON_NAME = 'default';

/**
 * Keys of the istiod values that Sail sets from elsewhere: the revision from the IstioRevision's
 * name, revision tags as IstioRevisionTag objects, the profile from `spec.profile`.
 */
const SAIL_MANAGED_ISTIOD_KEYS = new Set([
  'revision',
  'revisionTags',
  'profile',
]);

function withoutKeys(
  values: Record<string, unknown>,
  keys: ReadonlySet<string>,
): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(values).filter(([key]) => !keys.has(key)),
  );
}

/**
 * The `istio.io/rev` a proxy (a gateway's) asks for: the spec's revision, except with Sail, which
 * suffixes revision names with the version, so that Sail proxies join through the first tag.
 */
export function proxyRevision(context: ClusterRenderContext): string {
  const { istio } = context;
  return istio.installMethod === 'sail' && istio.revisionTags.length > 0
    ? istio.revisionTags[0]
    : istio.revision;
}

/**
 * What the Sail templates place: the Istio resource's name (the spec's revision, so its revisions
 * are `<revision>-v<x-y-z>`; `default` for the unrevisioned control plane), the update strategy,
 * and the values our Helm path renders for istiod, the CNI and ztunnel charts.
 */
function sailContext(context: ClusterRenderContext) {
  const { istio } = context;
  const ambient = ambientValuesOutputs(context);
  return {
    apiVersion: SAIL_OPERATOR_FACTS.apiVersion,
    version: sailIstioVersion(istio.version),
    istioName: istio.hasRevision ? istio.revision : SAIL_SINGLETON_NAME,
    singletonName: SAIL_SINGLETON_NAME,
    // A named revision means canary upgrades: each version gets its own control plane.
    updateStrategy: istio.hasRevision ? 'RevisionBased' : 'InPlace',
    istiodValues: withoutKeys(
      renderHelmValuesOutput(istiodValuesOutput(context), context),
      SAIL_MANAGED_ISTIOD_KEYS,
    ),
    cniValues: istio.ambient
      ? withoutKeys(
          renderHelmValuesOutput(ambient.cni, context),
          SAIL_MANAGED_ISTIOD_KEYS,
        )
      : {},
    ztunnelValues: istio.ambient
      ? renderHelmValuesOutput(ambient.ztunnel, context)
      : {},
  };
}

/**
 * Istio through the Sail Operator: the operator's own Helm release, then the `Istio` resource,
 * an `IstioRevisionTag` per revision tag and, for ambient, `IstioCNI` and `ZTunnel`. Gateways stay
 * Helm releases of the gateway chart, as Sail leaves gateways to the user.
 */
export const istioSailPack: TemplatePack = {
  name: 'istio/sail',
  outputs(context) {
    const { istio } = context;
    if (istio.installMethod !== 'sail') {
      return [];
    }
    const sail = sailContext(context);
    const expects: DeclaredObject[] = [
      { kind: 'Istio', name: sail.istioName },
      ...istio.revisionTags.map(tag => ({
        kind: 'IstioRevisionTag',
        name: tag,
      })),
    ];
    if (istio.ambient) {
      expects.push(
        { kind: 'IstioCNI', name: SAIL_SINGLETON_NAME },
        { kind: 'ZTunnel', name: SAIL_SINGLETON_NAME },
      );
    }
    return [
      {
        type: 'helmValues',
        template: 'istio/sail/sail-operator-values.yaml.njk',
        file: 'istio/values/sail-operator.yaml',
        component: 'istio',
        chart: 'sail-operator',
        chartVersion: SAIL_OPERATOR_FACTS.operatorVersion,
        release: 'sail-operator',
        namespace: SAIL_OPERATOR_NAMESPACE,
      },
      {
        type: 'objects',
        template: 'istio/sail/istio.yaml.njk',
        file: 'istio/sail-istio.yaml',
        component: 'istio',
        appliedBy: 'kustomize',
        data: { sail },
        expects,
      },
    ];
  },
};
