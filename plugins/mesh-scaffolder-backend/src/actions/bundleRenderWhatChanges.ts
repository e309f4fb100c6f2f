import { InputError } from '@backstage/errors';
import { MeshClusterSpec } from '@mesh-templates/plugin-mesh-common';
import type { MeshBundle } from '../bundle/meshBundle';
import { summarizeChange } from '../gitops/changeSummary';
import { clusterTreeFiles } from '../gitops/clusterTreeFiles';
import { diffFiles } from '../gitops/diffFiles';
import { gitBlobSha } from '../gitops/gitBlobSha';
import { GitopsFile } from '../gitops/gitopsFile';
import { joinRepositoryPath } from '../gitops/repositoryPaths';
import { whatChangesSection } from '../gitops/whatChangesSection';
import { renderMeshBundle } from '../render/renderMeshBundle';
import type { z as zodV3 } from 'zod/v3';

// The schema builder scaffolder-node hands each field (its zod, the v3 API).
type Zod = typeof zodV3;

/** The render action's `previousSpec` input. */
export const previousSpecInput = (z: Zod) =>
  z
    .record(z.string(), z.unknown())
    .optional()
    .describe(
      'The committed spec a change starts from ("Change mesh" passes it); with it the action outputs whatChanges.',
    );

function clusterFolder(
  bundle: MeshBundle,
  spec: MeshClusterSpec,
): GitopsFile[] {
  return clusterTreeFiles(bundle, spec.cluster.name).map(f => ({
    path: joinRepositoryPath(spec.gitops.targetPath, f.path),
    content: f.content,
  }));
}

/**
 * The pull request's "What changes" section for a change from `previousSpec` (the committed spec
 * "Change mesh" started from), computed from the two renders alone: the committed files are what
 * the committed spec renders, which `mesh-bundle check` keeps true in the repository. That is what
 * lets the template editor's dry-run, which reads no repository, show it.
 */
export function whatChangesFromPrevious(
  previousSpec: MeshClusterSpec,
  spec: MeshClusterSpec,
  bundle: MeshBundle,
): string {
  if (previousSpec.cluster.name !== spec.cluster.name) {
    throw new InputError(
      `previousSpec: it is the spec of cluster "${previousSpec.cluster.name}", this run renders "${spec.cluster.name}"; a change keeps the cluster's name`,
    );
  }
  const before = clusterFolder(renderMeshBundle(previousSpec), previousSpec);
  const after = clusterFolder(bundle, spec);
  const changes = diffFiles(
    new Map(before.map(f => [f.path, gitBlobSha(f.content)])),
    after,
  );
  const previous = new Map(before.map(f => [f.path, f.content]));
  return whatChangesSection(summarizeChange(changes, previous)).join('\n');
}
