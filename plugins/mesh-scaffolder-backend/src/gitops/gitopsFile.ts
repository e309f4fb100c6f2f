/** A file as it should be in the GitOps repository: path from the repository root, UTF-8 text. */
export interface GitopsFile {
  path: string;
  content: string;
}

/** One change to the repository tree, relative to the commit the change is built on. */
export type FileChange =
  | { action: 'create' | 'update'; path: string; content: string }
  | { action: 'delete'; path: string };
