import type { ChangeRequestContent } from './gitopsRepository';

/** What the caller may say about the request beyond its files and body. */
export interface RequestOptionsInput {
  commitMessage?: string;
  draft?: boolean;
  labels?: string[];
  reviewers?: string[];
  assignees?: string[];
}

/** The commit message: the caller's, or the title with where the change came from. */
export function commitMessageFor(
  input: RequestOptionsInput,
  title: string,
): string {
  return (
    input.commitMessage ??
    `${title}\n\nRendered by the Backstage mesh:gitops:pull-request action.`
  );
}

/** Draft flag, labels, reviewers and assignees, defaulted as the hosts expect. */
export function requestOptions(
  input: RequestOptionsInput,
): Omit<ChangeRequestContent, 'title' | 'body'> {
  return {
    draft: input.draft ?? false,
    labels: input.labels ?? [],
    reviewers: input.reviewers ?? [],
    assignees: input.assignees ?? [],
  };
}
