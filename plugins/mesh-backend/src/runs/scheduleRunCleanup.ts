import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { MeshRunStore } from './MeshRunStore';
import { RunStoreConfig } from './readRunStoreConfig';

/** Id of the scheduled task that removes expired run bundles; tests trigger it by this id. */
export const runCleanupTaskId = 'mesh-run-bundles-cleanup';

/**
 * Removes expired bundles every `mesh.runs.cleanupFrequency`. Global scope: with several backend
 * replicas on one database, one of them runs it each time.
 */
export async function scheduleRunCleanup(options: {
  scheduler: SchedulerService;
  store: MeshRunStore;
  config: RunStoreConfig;
  logger: LoggerService;
}): Promise<void> {
  const { scheduler, store, config, logger } = options;
  await scheduler.scheduleTask({
    id: runCleanupTaskId,
    scope: 'global',
    frequency: config.cleanupFrequency,
    timeout: { minutes: 5 },
    fn: async () => {
      const removed = await store.removeExpired(new Date());
      if (removed > 0) {
        logger.info(`Removed ${removed} expired template run bundle(s)`);
      }
    },
  });
}
