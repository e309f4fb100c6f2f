import { benchApply } from './__testUtils__/benchApply';

describe('benchApply', () => {
  it('applies 60 objects in time proportional to tiers, not objects', async () => {
    // GIVEN 100 ms per request and enough concurrency for the largest tier
    const result = await benchApply({ delayMs: 100, concurrency: 64 });

    // THEN the first apply made ~285 requests in about ten round trips: discovery (2), dry-run
    // (2), tier 1, dry-run of objects in the bundle's namespaces (2), tiers 2 and 3
    expect(result.objects).toBe(60);
    expect(result.firstApplyRequests).toBe(285);
    expect(result.firstApplyMs).toBeGreaterThanOrEqual(9 * 100);
    expect(result.firstApplyMs).toBeLessThan(20 * 100);
    // AND the unchanged re-apply took about seven round trips, not 185 (one per request)
    expect(result.secondApplyMs).toBeGreaterThanOrEqual(7 * 100);
    expect(result.secondApplyMs).toBeLessThan(15 * 100);
  }, 30_000);
});
