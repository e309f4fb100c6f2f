import {
  revisionTagTargets,
  SAIL_OPERATOR_FACTS,
  sailIstioVersion,
  upgradeRevisionNames,
} from '@mesh-templates/plugin-mesh-common';
import type { ClusterRenderContext } from '../clusterRenderContext';
import { newestControlPlaneContext } from '../controlPlaneValues';
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

/** An IstioRevisionTag: its name and the Istio or IstioRevision it points at. */
interface SailRevisionTag {
  name: string;
  targetKind: 'Istio' | 'IstioRevision';
  targetName: string;
}

/**
 * The IstioRevisionTags, as Sail's update-strategy doc runs a RevisionBased upgrade with tags: a
 * tag that names the running revision during an upgrade (the stable tags until `promote`) is
 * pinned to that IstioRevision (`<name>-v<x-y-z>`); every other tag follows the Istio resource,
 * whose active revision is the newest. Where each tag points is `revisionTagTargets`' rule.
 */
function sailRevisionTags(
  context: ClusterRenderContext,
  istioName: string,
): SailRevisionTag[] {
  const { istio } = context;
  const { upgrade } = istio;
  const pinned = upgrade
    ? upgradeRevisionNames({ ...istio, upgrade }).running
    : undefined;
  return Object.entries(revisionTagTargets({ istio })).flatMap(
    ([revision, tags]) =>
      tags.map(
        (name): SailRevisionTag =>
          revision === pinned
            ? { name, targetKind: 'IstioRevision', targetName: revision }
            : { name, targetKind: 'Istio', targetName: istioName },
      ),
  );
}

/**
 * What the Sail templates place: the Istio resource's name (the spec's revision, so its revisions
 * are `<revision>-v<x-y-z>`; `default` for the unrevisioned control plane), the update strategy,
 * and the values our Helm path renders for istiod, the CNI and ztunnel charts.
 */
function sailContext(context: ClusterRenderContext) {
  const { istio } = context;
  const ambient = ambientValuesOutputs(context);
  const istioName = istio.hasRevision ? istio.revision : SAIL_SINGLETON_NAME;
  // While an upgrade runs the Istio resource already names the target: Sail keeps the old
  // IstioRevision beside the new one, and its values are those of the target release.
  const newest = newestControlPlaneContext(context);
  return {
    apiVersion: SAIL_OPERATOR_FACTS.apiVersion,
    version: sailIstioVersion(newest.istio.version),
    istioName,
    singletonName: SAIL_SINGLETON_NAME,
    // A named revision means canary upgrades: each version gets its own control plane.
    updateStrategy: istio.hasRevision ? 'RevisionBased' : 'InPlace',
    revisionTags: sailRevisionTags(context, istioName),
    istiodValues: withoutKeys(
      renderHelmValuesOutput(istiodValuesOutput(newest), newest),
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
      ...sail.revisionTags.map(tag => ({
        kind: 'IstioRevisionTag',
        name: tag.name,
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
