import { describeResult, ObjectApplyResult } from './applyResult';
import { APPLY_TIERS, applyTierOf } from './applyTiers';
import { ApplyItem } from './resolveObjects';

/**
 * What an apply would send where, from the bundle alone, for the template editor's dry-run where
 * no cluster may be called. Without discovery, an object is taken as namespaced when it names a
 * namespace; the real run asks the cluster.
 */
export function describePlan(
  cluster: string,
  items: ApplyItem[],
): { results: ObjectApplyResult[]; text: string } {
  const results = items.map(({ object, file }) => ({
    cluster,
    apiVersion: object.apiVersion,
    kind: object.kind,
    name: object.metadata.name,
    ...(object.metadata.namespace && { namespace: object.metadata.namespace }),
    ...(file && { file }),
    outcome: 'skipped' as const,
    reason: 'template editor dry-run: no request sent to the cluster',
  }));
  const lines = APPLY_TIERS.flatMap((tierName, tier) => {
    const inTier = results.filter(
      r => applyTierOf(r.apiVersion, r.kind, Boolean(r.namespace)) === tier,
    );
    return inTier.length === 0
      ? []
      : [
          `  tier ${tier + 1} (${tierName}): ${inTier
            .map(describeResult)
            .join(', ')}`,
        ];
  });
  return {
    results,
    text: `${cluster}: would apply ${results.length} objects\n${lines.join(
      '\n',
    )}`,
  };
}
