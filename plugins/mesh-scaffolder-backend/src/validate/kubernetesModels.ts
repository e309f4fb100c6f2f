import { requirePackageFile } from './requirePackageFile';

/** The part of a kubernetes-models class that validation uses. */
export interface KubernetesModel {
  apiVersion: string;
  kind: string;
  prototype: { validate(this: unknown): void };
}

/** Which kubernetes-models package types an API group; core groups live in `kubernetes-models`. */
const groupPackages: Array<[RegExp, string]> = [
  [/\.istio\.io$/, '@kubernetes-models/istio'],
  [/^monitoring\.coreos\.com$/, '@kubernetes-models/prometheus-operator'],
  [/^opentelemetry\.io$/, '@kubernetes-models/opentelemetry-operator'],
  [/(^|\.)cert-manager\.io$/, '@kubernetes-models/cert-manager'],
  [/^argoproj\.io$/, '@kubernetes-models/argo-cd'],
  [/\.toolkit\.fluxcd\.io$/, '@kubernetes-models/flux-cd'],
  [/^([a-z0-9-]+\.)*k8s\.io$|^[a-z0-9-]+$/, 'kubernetes-models'],
];

/** Groups that end in k8s.io but are CRDs shipped by other projects, without a model here. */
const groupsWithoutModel = new Set([
  'gateway.networking.k8s.io',
  'kustomize.config.k8s.io',
]);

const cache = new Map<string, KubernetesModel | undefined>();

function packageForGroup(group: string): string | undefined {
  if (groupsWithoutModel.has(group)) {
    return undefined;
  }
  return groupPackages.find(([pattern]) => pattern.test(group))?.[1];
}

/**
 * The kubernetes-models class for an apiVersion and kind, or undefined when no installed
 * package types it. Models are loaded on first use: each one carries a large precompiled validator.
 */
export function findKubernetesModel(
  apiVersion: string,
  kind: string,
): KubernetesModel | undefined {
  const key = `${apiVersion}/${kind}`;
  if (cache.has(key)) {
    return cache.get(key);
  }
  const slash = apiVersion.indexOf('/');
  const group = slash === -1 ? '' : apiVersion.slice(0, slash);
  const packageName =
    group === '' ? 'kubernetes-models' : packageForGroup(group);
  let model: KubernetesModel | undefined;
  if (
    packageName &&
    /^[A-Za-z0-9]+$/.test(kind) &&
    /^[a-z0-9.-]+(\/[a-z0-9]+)?$/.test(apiVersion)
  ) {
    const module = requirePackageFile(
      packageName,
      `${apiVersion}/${kind}.js`,
    ) as Record<string, KubernetesModel> | undefined;
    const candidate = module?.[kind];
    if (
      candidate &&
      candidate.apiVersion === apiVersion &&
      candidate.kind === kind
    ) {
      model = candidate;
    }
  }
  cache.set(key, model);
  return model;
}
