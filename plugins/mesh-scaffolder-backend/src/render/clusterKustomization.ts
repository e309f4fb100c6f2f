import type { GitopsRelease } from './packs';

/**
 * The tree's kustomization.yaml: every applied object file as a resource. Helm values files are
 * not resources; with Flux they become ConfigMaps through a configMapGenerator (without a name
 * hash, because HelmRelease.valuesFrom names the ConfigMap literally).
 */
export function clusterKustomization(
  resources: string[],
  fluxReleases: GitopsRelease[],
  fluxNamespace: string,
): Record<string, unknown> {
  const kustomization: Record<string, unknown> = {
    apiVersion: 'kustomize.config.k8s.io/v1beta1',
    kind: 'Kustomization',
    resources: [...new Set(resources)].sort(),
  };
  if (fluxReleases.length > 0) {
    kustomization.generatorOptions = { disableNameSuffixHash: true };
    kustomization.configMapGenerator = fluxReleases.map(release => ({
      name: release.valuesConfigMap,
      namespace: fluxNamespace,
      files: [`values.yaml=${release.valuesFile}`],
    }));
  }
  return kustomization;
}
