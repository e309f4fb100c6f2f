/** One file of a stored run bundle, without its content. @public */
export interface MeshRunFileEntry {
  /** Path relative to the bundle root, POSIX separators, as render wrote it. */
  path: string;
  /** The cluster whose tree holds the file; absent for bundle-level files such as the index. */
  cluster?: string;
  /** The folder under the cluster's tree (`istio`, `observability`, ...), or `cluster` for its top-level files. */
  component: string;
  bytes: number;
}

/** A template run's stored bundle, as `GET /api/mesh/runs/:taskId` answers. @public */
export interface MeshRun {
  taskId: string;
  /** User entity ref of whoever started the task. */
  createdBy?: string;
  clusters: string[];
  /** ISO 8601 */
  createdAt: string;
  /** ISO 8601: the scheduled cleanup removes the bundle after this. */
  expiresAt: string;
  files: MeshRunFileEntry[];
}

/** `GET /api/mesh/runs/:taskId/files?path=`: one file with its content. @public */
export interface MeshRunFile {
  path: string;
  content: string;
}

/** What the scaffolder's render step sends to `POST /api/mesh/runs` (service to service). @public */
export interface MeshRunUpload {
  taskId: string;
  createdBy?: string;
  clusters: string[];
  files: MeshRunFile[];
}

/**
 * Where a bundle path sits in the tree shown to users: `clusters/<cluster>/<component>/...`.
 *
 * @public
 */
export function meshRunFileGroup(path: string): {
  cluster?: string;
  component: string;
} {
  const parts = path.split('/');
  if (parts[0] !== 'clusters' || parts.length < 3) {
    return { component: 'bundle' };
  }
  return {
    cluster: parts[1],
    component: parts.length > 3 ? parts[2] : 'cluster',
  };
}
