import { JsonValue } from '@backstage/types';

/**
 * A checkpoint store that behaves like the scaffolder's: a key that succeeded before returns its
 * stored value without running `fn` again; a failed one is run again. Passing the same store to
 * two runs is what a retried task step looks like.
 */
export function createMemoryCheckpoint() {
  const values = new Map<string, JsonValue | void>();
  const checkpoint = async <T extends JsonValue | void>(opts: {
    key: string;
    fn: () => Promise<T> | T;
  }): Promise<T> => {
    if (values.has(opts.key)) {
      return values.get(opts.key) as T;
    }
    const value = await opts.fn();
    values.set(opts.key, value);
    return value;
  };
  return { checkpoint, values };
}
