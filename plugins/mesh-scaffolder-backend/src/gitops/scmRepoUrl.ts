import { InputError } from '@backstage/errors';

/**
 * The template's one repository field, `gitops.repoUrl`, is the clone URL Argo CD or Flux pull
 * from (`https://host/owner/repo.git`); the scaffolder's publishers speak RepoUrlPicker's
 * `host?owner=<owner>&repo=<repo>`. Accepting both spares users typing the same repository twice.
 * GitLab owners may be nested groups (`group/subgroup`).
 */
export function toScmRepoUrl(repoUrl: string): string {
  if (!/^https?:\/\//i.test(repoUrl)) {
    return repoUrl;
  }
  let url: URL;
  try {
    url = new URL(repoUrl);
  } catch {
    throw new InputError(
      `repoUrl is not a valid URL; use https://<host>/<owner>/<repo> or <host>?owner=<owner>&repo=<repo>`,
    );
  }
  if (url.username || url.password) {
    // Credentials belong in the integrations config, never in a template value that tasks log.
    throw new InputError(
      'repoUrl must not contain credentials; configure them under integrations',
    );
  }
  const segments = url.pathname
    .replace(/\.git$/, '')
    .split('/')
    .filter(Boolean);
  if (segments.length < 2) {
    throw new InputError(
      `repoUrl must name an owner and a repository: https://${url.host}/<owner>/<repo>`,
    );
  }
  const repo = segments[segments.length - 1];
  const owner = segments.slice(0, -1).join('/');
  return `${url.host}?owner=${encodeURIComponent(
    owner,
  )}&repo=${encodeURIComponent(repo)}`;
}
