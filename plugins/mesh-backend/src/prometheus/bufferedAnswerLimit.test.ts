import http from 'node:http';
import { listenOnLoopback } from '@mesh-templates/plugin-mesh-common/testing';
import {
  bufferedAnswerLimit,
  createHttpTransport,
  PrometheusTransport,
} from './httpTransport';
import { Semaphore } from './Semaphore';

/**
 * A Prometheus that answers every request with its headers and the first bytes of the body at once,
 * and holds the rest until `finishAll`: the client has every answer in front of it, so only the
 * limit decides how many it reads.
 */
async function startHoldingPrometheus() {
  const held: Array<{ res: http.ServerResponse; n: string }> = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', chunk => (body += chunk));
    req.on('end', () => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write('{"status":"success","data":');
      held.push({ res, n: new URLSearchParams(body).get('n')! });
    });
  });
  const { url, stop } = await listenOnLoopback(server);
  return {
    url,
    stop,
    get held() {
      return held.length;
    },
    finishAll: () => held.forEach(({ res, n }) => res.end(`{"n":${n}}}`)),
    cutOff: (n: number) =>
      held.find(answer => answer.n === String(n))!.res.socket!.destroy(),
  };
}

/** Waits, a few milliseconds a turn, for what sockets deliver; fails if it never happens. */
async function until(condition: () => boolean) {
  for (let turn = 0; !condition(); turn++) {
    if (turn > 800) throw new Error('the condition never held');
    await new Promise(resolve => setTimeout(resolve, 5));
  }
}

/** The limit, counting the answers being read at once and the most ever read at once. */
function countingLimit(capacity: number) {
  const limit = new Semaphore(capacity);
  const counts = { reading: 0, peak: 0 };
  const acquire = limit.acquire.bind(limit);
  limit.acquire = async signal => {
    const release = await acquire(signal);
    counts.reading++;
    counts.peak = Math.max(counts.peak, counts.reading);
    return () => {
      counts.reading--;
      release();
    };
  };
  return { limit, counts };
}

const ask = (
  transport: PrometheusTransport,
  url: string,
  n: number,
  signal = AbortSignal.timeout(20_000),
) =>
  transport({
    url: `${url}/api/v1/query`,
    headers: {},
    body: `query=up&n=${n}`,
    signal,
  });

describe('the bound on buffered Prometheus answers', () => {
  const stops: Array<() => Promise<void>> = [];
  afterEach(async () => {
    await Promise.all(stops.splice(0).map(stop => stop()));
  });
  async function prometheus() {
    const started = await startHoldingPrometheus();
    stops.push(started.stop);
    return started;
  }

  it('reads at most the cap of answers at once; the others wait unread, then all arrive whole', async () => {
    // GIVEN a cap of 2 and 6 requests whose answers have all started arriving
    const server = await prometheus();
    const { limit, counts } = countingLimit(2);
    const transport = createHttpTransport({ answerLimit: limit });
    const answers = [1, 2, 3, 4, 5, 6].map(n => ask(transport, server.url, n));
    await until(() => server.held === 6);
    await until(() => limit.waiting === 4);

    // THEN 2 answers are being read and 4 wait for a permit
    expect([limit.inUse, limit.waiting, counts.reading]).toEqual([2, 4, 2]);

    // WHEN every answer is finished at once
    server.finishAll();

    // THEN each caller gets its own whole answer, never more than 2 read at a time
    const bodies = (await Promise.all(answers)).map(a => JSON.parse(a.body));
    expect(bodies.map(b => b.data.n)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(counts.peak).toBe(2);
    expect([limit.inUse, limit.waiting]).toEqual([0, 0]);
  });

  it('lets a caller whose deadline passes while it waits give up, and frees nothing it never took', async () => {
    // GIVEN a cap of 1, held by a first answer, and a second caller waiting for it
    const server = await prometheus();
    const { limit, counts } = countingLimit(1);
    const transport = createHttpTransport({ answerLimit: limit });
    const first = ask(transport, server.url, 1);
    await until(() => limit.inUse === 1);
    const deadline = new AbortController();
    const second = ask(transport, server.url, 2, deadline.signal);
    await until(() => limit.waiting === 1);

    // WHEN the second caller's deadline passes
    const reason = new Error('deadline');
    deadline.abort(reason);

    // THEN it fails with its deadline (the reason itself, or Node's AbortError caused by it,
    // whichever of the wait and the request sees the abort first) without reading its answer
    const failure = await second.then(
      () => undefined,
      (error: Error) => error,
    );
    expect([failure, failure?.cause]).toContain(reason);
    expect(limit.waiting).toBe(0);
    server.finishAll();
    expect(JSON.parse((await first).body).data.n).toBe(1);
    expect([limit.inUse, counts.peak]).toEqual([0, 1]);
  });

  it('fails an answer cut off while it waits, and gives back the permit it is granted later', async () => {
    // GIVEN a cap of 1, held by a first answer, and a second answer waiting for it
    const server = await prometheus();
    const { limit, counts } = countingLimit(1);
    const transport = createHttpTransport({ answerLimit: limit });
    const first = ask(transport, server.url, 1);
    await until(() => limit.inUse === 1);
    const second = ask(transport, server.url, 2);
    await until(() => limit.waiting === 1);

    // WHEN the second answer's connection is lost while it waits
    server.cutOff(2);

    // THEN its caller learns the socket error
    await expect(second).rejects.toMatchObject({ code: 'ECONNRESET' });
    // AND once the first answer is read, the permit the lost answer then gets is given back
    server.finishAll();
    await first;
    await until(() => limit.inUse === 0);
    expect([limit.waiting, counts.reading, counts.peak]).toEqual([0, 0, 1]);
  });

  it('is one limit for the whole process, shared by separately created transports', async () => {
    // GIVEN the process-wide limit at 1 and two transports made without a limit of their own
    const server = await prometheus();
    const configured = bufferedAnswerLimit.limit;
    bufferedAnswerLimit.setCapacity(1);
    try {
      const answers = [createHttpTransport(), createHttpTransport()].map(
        (transport, i) => ask(transport, server.url, i + 1),
      );
      await until(() => server.held === 2);

      // THEN one answer is read and the other, from the other transport, waits
      await until(() => bufferedAnswerLimit.waiting === 1);
      expect(bufferedAnswerLimit.inUse).toBe(1);
      server.finishAll();
      await expect(Promise.all(answers)).resolves.toHaveLength(2);
      expect(bufferedAnswerLimit.inUse).toBe(0);
    } finally {
      bufferedAnswerLimit.setCapacity(configured);
    }
  });
});
