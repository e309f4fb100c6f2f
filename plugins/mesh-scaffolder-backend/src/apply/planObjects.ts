import { apiGroupOf, kindFacts } from '../kinds/kindCatalog';
import { ObjectApplyResult } from './applyResult';
import { ApplyTier, applyTierOf } from './applyTiers';
import { ClusterRun, Planned } from './clusterRun';
import { ApplyItem, isCrd, resolveObject } from './resolveObjects';

/**
 * Kubernetes' own kinds and the custom kinds of the kind catalog: what mesh bundles render. Anything
 * else in a workspace's index did not come from the renderer and is not applied.
 */
function isCatalogKind(apiVersion: string, kind: string): boolean {
  const facts = kindFacts(apiGroupOf(apiVersion), kind);
  return facts.builtIn || facts.crdName !== undefined;
}

/**
 * Resolves every object's kind through discovery and assigns its tier. Objects whose kind the
 * cluster does not serve fail here, with the missing CRD added to the report, before anything
 * is sent; objects whose CRD the bundle brings wait for it.
 */
export async function planObjects(
  run: ClusterRun,
  items: ApplyItem[],
): Promise<Planned[]> {
  const bundleCrds = items.map(i => i.object).filter(isCrd);
  const planned = await Promise.all(
    items.map(async (item): Promise<Planned> => {
      const { apiVersion, kind, metadata } = item.object;
      const result: ObjectApplyResult = {
        cluster: run.clusterName,
        apiVersion,
        kind,
        name: metadata.name,
        ...(metadata.namespace && { namespace: metadata.namespace }),
        ...(item.file && { file: item.file }),
        outcome: 'skipped',
      };
      if (!isCatalogKind(apiVersion, kind)) {
        result.outcome = 'failed';
        result.reason = `${apiVersion} ${kind} is not a kind mesh bundles render (src/kinds/kindCatalog.ts); not applied`;
        return { item, result, tier: 2 as ApplyTier };
      }
      const resolution = await resolveObject(
        run.client.discovery,
        item,
        bundleCrds,
      );
      if (resolution.state === 'served') {
        const { resource } = resolution;
        const tier = applyTierOf(apiVersion, kind, resource.namespaced);
        return { item, result, tier, resource };
      }
      if (resolution.state === 'crd-in-bundle') {
        const tier = applyTierOf(apiVersion, kind, resolution.namespaced);
        return { item, result, tier, waitsFor: `CRD ${resolution.crdName}` };
      }
      result.outcome = 'failed';
      result.reason = resolution.reason;
      const { missingCrds } = run.report;
      if (
        resolution.missingCrd &&
        !missingCrds.includes(resolution.missingCrd)
      ) {
        missingCrds.push(resolution.missingCrd);
      }
      return { item, result, tier: 2 as ApplyTier };
    }),
  );
  run.report.results = planned.map(p => p.result);
  return planned;
}
