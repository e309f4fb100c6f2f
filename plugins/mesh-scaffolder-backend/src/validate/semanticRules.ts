import type { BundleProblem, MeshBundle } from '../bundle/meshBundle';
import { helmReleaseNames } from './rules/helmReleaseNames';
import { indexMatchesObjects } from './rules/indexMatchesObjects';
import { kustomizationResources } from './rules/kustomizationResources';
import { networkLabels } from './rules/networkLabels';
import { networkPolicyPorts } from './rules/networkPolicyPorts';
import { revisionConsistency } from './rules/revisionConsistency';
import { tracingEndpoints } from './rules/tracingEndpoints';
import { uniqueClusterNames } from './rules/uniqueClusterNames';

/** A check across objects and values of a bundle, beyond what one object's schema can say. */
export type SemanticRule = (bundle: MeshBundle) => BundleProblem[];

export const semanticRules: Record<string, SemanticRule> = {
  uniqueClusterNames,
  networkLabels,
  revisionConsistency,
  tracingEndpoints,
  networkPolicyPorts,
  kustomizationResources,
  indexMatchesObjects,
  helmReleaseNames,
};
