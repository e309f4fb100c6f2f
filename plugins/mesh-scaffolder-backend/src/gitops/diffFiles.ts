import { gitBlobSha } from './gitBlobSha';
import { FileChange, GitopsFile } from './gitopsFile';

/**
 * The changes that turn the files under a folder into the wanted ones: new files are created,
 * files whose blob id differs are updated, files the bundle no longer has are deleted. `current`
 * must only hold paths under the cluster's folder, which is what keeps other folders untouched.
 */
export function diffFiles(
  current: Map<string, string>,
  wanted: GitopsFile[],
): FileChange[] {
  const changes: FileChange[] = [];
  const wantedPaths = new Set<string>();
  for (const file of wanted) {
    wantedPaths.add(file.path);
    const existing = current.get(file.path);
    if (existing === undefined) {
      changes.push({
        action: 'create',
        path: file.path,
        content: file.content,
      });
    } else if (existing !== gitBlobSha(file.content)) {
      changes.push({
        action: 'update',
        path: file.path,
        content: file.content,
      });
    }
  }
  for (const path of [...current.keys()].sort()) {
    if (!wantedPaths.has(path)) {
      changes.push({ action: 'delete', path });
    }
  }
  return changes;
}
