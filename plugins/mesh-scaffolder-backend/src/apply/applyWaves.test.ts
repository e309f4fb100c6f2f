import { benchApply } from './__testUtils__/benchApply';

/**
 * What an apply costs in round trips of latency, counted as sequential request waves by the
 * contract server (see RequestWaves): the same on a busy machine as on an idle one.
 */
describe('apply request waves', () => {
  it('applies 60 objects in waves proportional to tiers, not objects', async () => {
    // GIVEN the apply step's default of 64 requests in flight
    const result = await benchApply({ delayMs: 0, concurrency: 64 });

    // THEN the first apply took six waves: aggregated discovery (/api and /apis), the dry-run of
    // all 60 objects, tier 1 (namespaces), the dry-run of the 50 objects in those namespaces,
    // tiers 2 and 3
    expect(result.objects).toBe(60);
    expect(result.firstApplyRequests).toBe(2 + 60 + 4 + 50 + 6 + 50);
    expect(result.firstApplyWaves).toBe(6);
    // AND the unchanged re-apply took five: discovery, dry-run, one per tier
    expect(result.secondApplyRequests).toBe(2 + 60 + 60);
    expect(result.secondApplyWaves).toBe(5);
  }, 30_000);

  it('takes a wave per 16 requests of a phase when 16 may be in flight', async () => {
    // GIVEN at most 16 requests in flight
    const result = await benchApply({ delayMs: 0, concurrency: 16 });

    // THEN every phase takes ceil(requests / 16) waves: 1 + 4 + 1 + 4 + 1 + 4
    expect(result.firstApplyWaves).toBe(15);
    // AND the re-apply: 1 + 4 + 1 + 1 + 4
    expect(result.secondApplyWaves).toBe(11);
  }, 30_000);
});
