import { ConflictError } from '@backstage/errors';

/**
 * What a host answers a write that lost a race, by status. GitHub (422): the ref update is not a
 * fast forward, or the ref already exists. GitLab (400): a file changed after the `last_commit_id`
 * the run read, the branch the run meant to start already exists, or the tree the run diffed
 * against no longer holds (or now holds) a file it changes.
 */
const LOST_RACE: Record<number, RegExp> = {
  422: /not a fast forward|Reference already exists/i,
  400: /has changed since you started editing it|A branch called .* already exists|A file with this name (already exists|doesn't exist)/i,
};

function statusOf(error: unknown): number | undefined {
  const e = error as { status?: number; response?: { status?: number } };
  return e?.status ?? e?.response?.status;
}

/**
 * Runs the write that moves a cluster's branch; when the host refuses it because the branch moved
 * since this run read it, another run is writing the same branch and this one stops.
 */
export async function raceChecked<T>(
  branch: string,
  write: () => Promise<T>,
): Promise<T> {
  try {
    return await write();
  } catch (error) {
    const lostRace = LOST_RACE[statusOf(error) ?? 0];
    if (lostRace?.test(String(error))) {
      throw new ConflictError(
        `another run is updating ${branch}; nothing of this run was pushed — run the step again once it has finished`,
      );
    }
    throw error;
  }
}
