import { ConflictError } from '@backstage/errors';

/** What GitHub answers a ref update that lost a race: not a fast-forward, or the ref exists. */
const LOST_RACE = /not a fast forward|Reference already exists/i;

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
    if (statusOf(error) === 422 && LOST_RACE.test(String(error))) {
      throw new ConflictError(
        `another run is updating ${branch}; nothing of this run was pushed — run the step again once it has finished`,
      );
    }
    throw error;
  }
}
