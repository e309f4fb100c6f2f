import {
  headersDigest,
  RequestCoalescer,
  upstreamRequestKey,
} from './RequestCoalescer';

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('RequestCoalescer', () => {
  it('starts one upstream request per key and shares its answer and its failure', async () => {
    const coalescer = new RequestCoalescer();
    const signal = new AbortController().signal;
    const ok = deferred<string>();
    const bad = deferred<string>();
    const start = jest.fn((key: string) =>
      key === 'ok' ? ok.promise : bad.promise,
    );
    const a = coalescer.run('ok', signal, () => start('ok'));
    const b = coalescer.run('ok', signal, () => start('ok'));
    const c = coalescer.run('bad', signal, () => start('bad'));
    const d = coalescer.run('bad', signal, () => start('bad'));
    ok.resolve('answer');
    bad.reject(new Error('HTTP 500'));
    await expect(Promise.all([a, b])).resolves.toEqual(['answer', 'answer']);
    await expect(c).rejects.toThrow('HTTP 500');
    await expect(d).rejects.toThrow('HTTP 500');
    expect(start).toHaveBeenCalledTimes(2);
    expect(coalescer.upstreamRequests).toBe(2);
  });

  it("lets each caller give up at its own deadline without cutting the others' answer short", async () => {
    const coalescer = new RequestCoalescer();
    const upstream = deferred<string>();
    let upstreamSignal: AbortSignal | undefined;
    const impatient = new AbortController();
    const patient = new AbortController();
    const first = coalescer.run('k', impatient.signal, s => {
      upstreamSignal = s;
      return upstream.promise;
    });
    const second = coalescer.run('k', patient.signal, () => upstream.promise);
    impatient.abort(new Error('timed out'));
    await expect(first).rejects.toThrow('timed out');
    expect(upstreamSignal!.aborted).toBe(false);
    upstream.resolve('late answer');
    await expect(second).resolves.toBe('late answer');
  });

  it('aborts the upstream request once every caller has given up', async () => {
    const coalescer = new RequestCoalescer();
    let upstreamSignal: AbortSignal | undefined;
    const callers = [new AbortController(), new AbortController()];
    const runs = callers.map(c =>
      coalescer.run('k', c.signal, s => {
        upstreamSignal = s;
        return new Promise<string>(() => {});
      }),
    );
    callers[0].abort(new Error('first gave up'));
    await expect(runs[0]).rejects.toThrow('first gave up');
    expect(upstreamSignal!.aborted).toBe(false);
    callers[1].abort(new Error('second gave up'));
    await expect(runs[1]).rejects.toThrow('second gave up');
    expect(upstreamSignal!.aborted).toBe(true);
  });

  it('keys on URL, body and auth headers, with header names case-insensitive, never holding a credential', () => {
    const base = {
      url: 'http://prom:9090/api/v1/query',
      headers: { Authorization: 'Bearer secret-token' },
      body: 'query=up&time=5',
    };
    const key = upstreamRequestKey(base);
    expect(key).not.toContain('secret-token');
    expect(key).toContain(headersDigest(base.headers));
    expect(headersDigest(base.headers)).toMatch(/^[0-9a-f]{64}$/);
    expect(
      upstreamRequestKey({
        ...base,
        headers: { authorization: 'Bearer secret-token' },
      }),
    ).toBe(key);
    for (const other of [
      { ...base, url: 'http://other:9090/api/v1/query' },
      { ...base, body: 'query=up&time=6' },
      { ...base, headers: { Authorization: 'Bearer other' } },
      { ...base, headers: {} },
    ]) {
      expect(upstreamRequestKey(other)).not.toBe(key);
    }
  });
});
