import { planMeshPullRequest } from './planMeshPullRequest';
import {
  planPullRequest,
  PullRequestPlan,
  PullRequestPlanInput,
} from './planPullRequest';

/**
 * One branch and one pull request per mesh, not one per cluster linked to each other: a member
 * joining or leaving, or a new mesh ID or trust domain, changes every member's spec document and
 * peer wiring, and per-cluster requests merged one at a time would leave the repository with
 * members that disagree about the mesh (and `mesh-bundle check` failing) until the last merges.
 * A `single` mesh has one member, so its change stays on the cluster's own branch.
 */
export function planChangeRequest(
  input: PullRequestPlanInput,
): Promise<PullRequestPlan> {
  const { spec } = input;
  return spec && spec.multiCluster.model !== 'single'
    ? planMeshPullRequest({ ...input, spec })
    : planPullRequest(input);
}
