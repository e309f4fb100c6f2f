import { GitopsRepository } from '../gitopsRepository';

/**
 * Holds every caller of `commitChanges` until two of them have arrived, so two runs read the
 * same branch head before either writes: a forced race. `release` lets a lone run through.
 */
export function createCommitBarrier() {
  let waiting: Array<() => void> = [];
  return {
    wrap(repository: GitopsRepository): GitopsRepository {
      return new Proxy(repository, {
        get(target, prop, receiver) {
          const value = Reflect.get(target, prop, receiver);
          if (prop !== 'commitChanges') return value;
          return async (...args: unknown[]) => {
            await new Promise<void>(resolve => {
              waiting.push(resolve);
              if (waiting.length === 2) waiting.splice(0).forEach(r => r());
            });
            return (value as Function).apply(target, args);
          };
        },
      });
    },
    /** Lets the one run waiting at the barrier through, once it has arrived. */
    async release(): Promise<void> {
      while (waiting.length === 0) await new Promise(r => setTimeout(r, 5));
      waiting.splice(0).forEach(r => r());
    },
    reset(): void {
      waiting = [];
    },
  };
}
