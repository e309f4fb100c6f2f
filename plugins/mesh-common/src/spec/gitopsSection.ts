import { z } from 'zod';
import { httpUrl } from './addressFormats';
import { dnsLabel, gitBranchName, oneOf, repositoryPath } from './formats';

/**
 * What deploys the bundle from Git: an Argo CD Application, a Flux Kustomization, or a plain
 * kustomization applied by whatever the team already runs.
 */
export const GITOPS_ENGINES = ['argocd', 'flux', 'kustomize'] as const;

/**
 * Folder of a cluster's tree when the spec names none, both in the GitOps repository and in a
 * rendered bundle. The one place this layout is decided.
 */
export function defaultTargetPath(cluster: string): string {
  return `clusters/${cluster}`;
}

/** Where the rendered bundle goes. */
export const gitopsSectionSchema = z
  .strictObject({
    /** Deployment engine. */
    engine: oneOf(GITOPS_ENGINES).default('kustomize'),
    /**
     * GitOps repository (http/https). Empty renders without a repository reference; argocd and flux
     * need it because their objects point at the repository.
     */
    repoUrl: httpUrl({ allowEmpty: true }).default(''),
    /** Branch the engine follows and pull requests target. */
    branch: gitBranchName().default('main'),
    /** Folder of this cluster in the repository; when absent, `clusters/<cluster.name>`. */
    targetPath: repositoryPath().optional(),
    /** Namespace of the engine's objects; when absent `argocd` or `flux-system` (none for kustomize). */
    controllerNamespace: dnsLabel({ allowEmpty: true }).optional(),
    /** Argo CD project of the Application. */
    argoCdProject: dnsLabel().default('default'),
  })
  .superRefine((gitops, ctx) => {
    if (gitops.engine !== 'kustomize' && gitops.repoUrl === '') {
      ctx.addIssue({
        code: 'custom',
        path: ['repoUrl'],
        message: `must be an http:// or https:// repository URL when engine is ${gitops.engine}`,
      });
    }
  })
  .prefault({});

/** The gitops section after defaults (targetPath still optional; see derived defaults). */
export type GitopsSection = z.output<typeof gitopsSectionSchema>;
