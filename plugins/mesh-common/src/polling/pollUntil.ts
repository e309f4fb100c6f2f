import { pauseUnlessAborted } from './pauseUnlessAborted';
/**
 * How long and how often {@link pollUntil} asks, and what it is waiting for.
 *
 * @public
 */
export interface PollUntilOptions {
  /** The probe is asked one last time once this much time has passed, then the wait fails. */
  timeoutMs: number;
  /** The pause between the end of one probe and the start of the next. */
  intervalMs: number;
  /** Stops the wait early; it then rejects with the signal's reason. */
  signal?: AbortSignal;
  /**
   * What is awaited, e.g. `prometheus at http://127.0.0.1:9090 to be ready`; it names the wait in the
   * timeout error. A function is read only when the wait fails, so it can report the last answer seen.
   */
  description: string | (() => string);
}

/**
 * The error {@link pollUntil} throws when the deadline passes without an answer.
 *
 * @public
 */
export class PollTimeoutError extends Error {
  override name = 'PollTimeoutError';
}

/**
 * Asks `probe` until it returns a value other than `undefined`, and returns that value. A probe that
 * throws ends the wait with its error, so a probe can fail fast (say, when the awaited process exited);
 * a probe that should retry on an error catches it and returns `undefined`.
 *
 * @public
 */
export async function pollUntil<T>(
  probe: () => Promise<T | undefined>,
  options: PollUntilOptions,
): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    options.signal?.throwIfAborted();
    const value = await probe();
    if (value !== undefined) return value;
    const remainingMs = deadline - Date.now();
    if (remainingMs <= 0) {
      const what =
        typeof options.description === 'function'
          ? options.description()
          : options.description;
      throw new PollTimeoutError(
        `Gave up after ${options.timeoutMs} ms waiting for ${what}`,
      );
    }
    await pauseUnlessAborted(
      Math.min(options.intervalMs, remainingMs),
      options.signal,
    );
  }
}
