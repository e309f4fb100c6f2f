import { apiGroupOf, kindFacts } from '../kinds/kindCatalog';
import { requirePackageFile } from './requirePackageFile';

/** The part of a kubernetes-models class that validation uses. */
export interface KubernetesModel {
  apiVersion: string;
  kind: string;
  prototype: { validate(this: unknown): void };
}

const cache = new Map<string, KubernetesModel | undefined>();

/**
 * The kubernetes-models class for an apiVersion and kind, or undefined when no installed
 * package types it. Which package to look in is the kind catalog's answer. Models are loaded on
 * first use: each one carries a large precompiled validator.
 */
export function findKubernetesModel(
  apiVersion: string,
  kind: string,
): KubernetesModel | undefined {
  const key = `${apiVersion}/${kind}`;
  if (cache.has(key)) {
    return cache.get(key);
  }
  const { modelPackage } = kindFacts(apiGroupOf(apiVersion), kind);
  let model: KubernetesModel | undefined;
  if (
    modelPackage &&
    /^[A-Za-z0-9]+$/.test(kind) &&
    /^[a-z0-9.-]+(\/[a-z0-9]+)?$/.test(apiVersion)
  ) {
    const module = requirePackageFile(
      modelPackage,
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
