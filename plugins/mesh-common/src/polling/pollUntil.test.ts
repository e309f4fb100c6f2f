import { pollUntil, PollTimeoutError } from './pollUntil';

/** A probe that answers `undefined` until its `answerOn`-th call, counting its calls. */
function countingProbe<T>(answerOn: number, answer: T) {
  let calls = 0;
  return jest.fn(async (): Promise<T | undefined> => {
    calls += 1;
    return calls >= answerOn ? answer : undefined;
  });
}

/** The error a promise rejects with, caught at once so fake timers can run before it is inspected. */
function failureOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    value => new Error(`expected a rejection, got ${String(value)}`),
    (error: unknown) => error,
  );
}

describe('pollUntil', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('returns the first answer without waiting when the probe answers at once', async () => {
    const probe = countingProbe(1, 'ready');

    await expect(
      pollUntil(probe, { timeoutMs: 1000, intervalMs: 100, description: 'x' }),
    ).resolves.toBe('ready');
    expect(probe).toHaveBeenCalledTimes(1);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('asks again every interval until the probe answers, and counts falsy answers other than undefined', async () => {
    // GIVEN a probe that answers 0 (falsy, but an answer) on its third call
    const probe = countingProbe(3, 0);

    // WHEN it is polled every 100 ms
    const result = pollUntil(probe, {
      timeoutMs: 1000,
      intervalMs: 100,
      description: 'x',
    });
    await jest.advanceTimersByTimeAsync(200);

    // THEN the third probe's answer is the result and no timer is left behind
    await expect(result).resolves.toBe(0);
    expect(probe).toHaveBeenCalledTimes(3);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('asks one last time at the deadline, then names what it waited for', async () => {
    const probe = countingProbe(Infinity, 'never');

    const failure = failureOf(
      pollUntil(probe, {
        timeoutMs: 1000,
        intervalMs: 300,
        description: 'prometheus at http://127.0.0.1:9 to be ready',
      }),
    );
    await jest.advanceTimersByTimeAsync(1000);

    const error = await failure;
    expect(error).toBeInstanceOf(PollTimeoutError);
    expect(error).toEqual(
      new PollTimeoutError(
        'Gave up after 1000 ms waiting for prometheus at http://127.0.0.1:9 to be ready',
      ),
    );

    // at 0, 300, 600, 900 and the last one at the deadline (1000): the last pause is cut short
    expect(probe).toHaveBeenCalledTimes(5);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('reads a description function only when the wait fails, so it can name the last answer', async () => {
    let last = 'nothing yet';
    let calls = 0;
    const probe = async () => {
      calls += 1;
      last = `answer ${calls}`;
      return undefined;
    };

    const failure = failureOf(
      pollUntil(probe, {
        timeoutMs: 200,
        intervalMs: 100,
        description: () => `the entity (last: ${last})`,
      }),
    );
    await jest.advanceTimersByTimeAsync(200);

    expect(await failure).toEqual(
      new PollTimeoutError(
        'Gave up after 200 ms waiting for the entity (last: answer 3)',
      ),
    );
  });

  it('ends the wait with the error of a probe that throws, without asking again', async () => {
    const probe = jest.fn(async () => {
      throw new Error('prometheus exited with 1');
    });

    await expect(
      pollUntil(probe, { timeoutMs: 1000, intervalMs: 100, description: 'x' }),
    ).rejects.toThrow('prometheus exited with 1');
    expect(probe).toHaveBeenCalledTimes(1);
  });

  it('stops during a pause when the signal aborts, with its reason, and clears its timer', async () => {
    const controller = new AbortController();
    const probe = countingProbe(Infinity, 'never');

    const failure = failureOf(
      pollUntil(probe, {
        timeoutMs: 10_000,
        intervalMs: 1000,
        signal: controller.signal,
        description: 'x',
      }),
    );
    await jest.advanceTimersByTimeAsync(1500);
    controller.abort(new Error('task cancelled'));

    expect(await failure).toEqual(new Error('task cancelled'));

    expect(probe).toHaveBeenCalledTimes(2);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('does not probe at all when the signal has already aborted', async () => {
    const probe = countingProbe(1, 'ready');

    await expect(
      pollUntil(probe, {
        timeoutMs: 1000,
        intervalMs: 100,
        signal: AbortSignal.abort(new Error('too late')),
        description: 'x',
      }),
    ).rejects.toThrow('too late');
    expect(probe).not.toHaveBeenCalled();
  });
});
