import http from 'node:http';
import pLimit from 'p-limit';
import { ContractApiServer } from './contractApiServer';
import { RequestWaves } from './requestWaves';

describe('RequestWaves', () => {
  it('puts a request one wave after the deepest answer sent before it arrived', () => {
    const waves = new RequestWaves();
    const a = waves.arrived();
    const b = waves.arrived();
    waves.answered(a);
    const c = waves.arrived(); // after a: wave 2
    waves.answered(b);
    const d = waves.arrived(); // after a and b (both wave 1): wave 2
    waves.answered(c);
    waves.arrived(); // after c: wave 3
    waves.answered(d);
    expect(waves.count()).toBe(3);
    // counted from c on, a and b are left out: c and d are wave 1, the last request wave 2
    expect(waves.count(c)).toBe(2);
  });
});

/** A tiny client of the contract server: plain GETs, each on its own connection. */
describe('ContractApiServer wave count, with a synthetic client', () => {
  const token = 'wave-test-token';
  let server: ContractApiServer;
  afterEach(() => server.stop());

  const get = () =>
    new Promise<void>((resolve, reject) => {
      http
        .get(
          `${server.url}/api`,
          { agent: false, headers: { Authorization: `Bearer ${token}` } },
          response => {
            response.resume();
            response.on('end', resolve);
          },
        )
        .on('error', reject);
    });
  const together = (n: number) => Promise.all(Array.from({ length: n }, get));

  it.each([0, 20])(
    'counts what the client waited for, with %i ms of latency',
    async delayMs => {
      server = await ContractApiServer.start({ token, delayMs });

      // requests sent together are one wave, however many
      await together(12);
      expect(server.waves.count()).toBe(1);

      // each answer waited for starts a new wave
      await together(3);
      await get();
      expect(server.waves.count()).toBe(3);

      // a request that waits for a free slot waits on the answer that frees it:
      // 5 requests with at most 2 in flight are 3 waves
      const from = server.requests.length;
      const limit = pLimit(2);
      await Promise.all(Array.from({ length: 5 }, () => limit(get)));
      expect(server.waves.count(from)).toBe(3);
      expect(server.waves.count()).toBe(6);
    },
  );
});
