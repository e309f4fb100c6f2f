import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { DatabaseManager } from '@backstage/backend-defaults/database';

type DatabaseClient = Awaited<
  ReturnType<(typeof coreServices.database.T)['getClient']>
>;

/** The part of knex's tarn pool that keeps a process alive: its idle-connection reaper. */
type PoolWithReaper = {
  interval?: NodeJS.Timeout | null;
  on(event: 'acquireSuccess', listener: () => void): void;
};

function poolOf(client: DatabaseClient): PoolWithReaper | undefined {
  return client.client.pool as PoolWithReaper | undefined;
}

/**
 * The backend's own database service, recording each plugin's client. `DatabaseManager.shutdown`
 * destroys every pool except SQLite's, whose in-memory database lives only as long as its one
 * connection; that pool's reaper interval then keeps a test worker alive after the backend stopped,
 * and jest reports a worker that failed to exit. Destroying the pools is no cure: the catalog's
 * processing loop and the scaffolder's task worker finish their last poll after `backend.stop()`
 * resolves, and would fail on a destroyed pool. So `releaseAll` leaves the pools working for those
 * last queries but stops their reapers from holding the process open, including a reaper a late
 * query starts again.
 */
export function closingDatabaseService() {
  const clients = new Set<DatabaseClient>();
  let released = false;
  const release = (client: DatabaseClient) => poolOf(client)?.interval?.unref();
  const factory = createServiceFactory({
    service: coreServices.database,
    deps: {
      config: coreServices.rootConfig,
      lifecycle: coreServices.lifecycle,
      logger: coreServices.logger,
      pluginMetadata: coreServices.pluginMetadata,
      rootLifecycle: coreServices.rootLifecycle,
      rootLogger: coreServices.rootLogger,
    },
    async createRootContext({ config, rootLifecycle, rootLogger }) {
      return DatabaseManager.fromConfig(config, { rootLifecycle, rootLogger });
    },
    async factory({ pluginMetadata, lifecycle, logger }, manager) {
      const database = manager.forPlugin(pluginMetadata.getId(), {
        lifecycle,
        logger,
      });
      return {
        ...database,
        async getClient() {
          const client = await database.getClient();
          if (!clients.has(client)) {
            clients.add(client);
            poolOf(client)?.on('acquireSuccess', () => {
              if (released) release(client);
            });
          }
          return client;
        },
      };
    },
  });
  return {
    factory,
    /** Call once the backend has stopped: its SQLite pools no longer hold the process open. */
    releaseAll() {
      released = true;
      clients.forEach(release);
    },
  };
}
