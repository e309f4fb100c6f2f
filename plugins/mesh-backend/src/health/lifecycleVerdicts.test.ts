import {
  ClusterHealth,
  DEFAULT_HEALTH_THRESHOLDS,
} from '@mesh-templates/plugin-mesh-common';
import { unknownClusterHealth } from './emptyHealth';
import {
  certificateVerdicts,
  endOfLifeOf,
  endOfLifeVerdict,
  withDrift,
  ztunnelVerdicts,
} from './lifecycleVerdicts';

const now = new Date('2026-11-30T12:00:00Z');
const inDays = (d: number) =>
  new Date(now.getTime() + d * 86_400_000).toISOString();
const t = DEFAULT_HEALTH_THRESHOLDS;

describe('certificateVerdicts', () => {
  it('degrades under 30 days, fails under 7 and once expired, and says which certificate', () => {
    const verdict = (root: number, istiod: number) =>
      certificateVerdicts(
        { rootExpiresAt: inDays(root), istiodExpiresAt: inDays(istiod) },
        t,
        now,
      );
    expect(verdict(30, 365)).toEqual([]);
    expect(verdict(29.9, 365)).toEqual([
      {
        status: 'degraded',
        reasons: [
          'mesh root CA certificate expires in 30 days (2026-12-30), under 30 days',
        ],
      },
    ]);
    expect(verdict(365, 6.9).map(v => v.status)).toEqual(['failing']);
    expect(verdict(365, 6.9)[0].reasons[0]).toMatch(/^istiod certificate/);
    expect(verdict(-1, 365)).toEqual([
      {
        status: 'failing',
        reasons: ['mesh root CA certificate expired on 2026-11-29'],
      },
    ]);
  });

  it('follows configured limits and says nothing without the metrics', () => {
    const limits = {
      ...t,
      certificateExpiryDays: { degraded: 90, failing: 45 },
    };
    expect(
      certificateVerdicts(
        { rootExpiresAt: inDays(60), istiodExpiresAt: null },
        limits,
        now,
      ).map(v => v.status),
    ).toEqual(['degraded']);
    expect(
      certificateVerdicts(
        { rootExpiresAt: null, istiodExpiresAt: null },
        t,
        now,
      ),
    ).toEqual([]);
  });
});

describe('end of life', () => {
  it('takes the oldest line istiod runs, and none for a line without an announced date', () => {
    expect(endOfLifeOf(['1.29.2', '1.28.4'])).toBe('2026-05-31');
    expect(endOfLifeOf(['1.30.3'])).toBeNull();
    expect(endOfLifeOf([])).toBeNull();
  });

  it('degrades within the warning window and past the date, not before', () => {
    const at = (day: string) => new Date(`${day}T00:00:00Z`);
    expect(
      endOfLifeVerdict(['1.29.0'], '2026-08-31', t, at('2026-07-01')),
    ).toBeUndefined();
    expect(
      endOfLifeVerdict(['1.29.0'], '2026-08-31', t, at('2026-07-03')),
    ).toEqual({
      status: 'degraded',
      reasons: ['Istio 1.29.0 reaches end of life on 2026-08-31, in 59 days'],
    });
    expect(
      endOfLifeVerdict(['1.29.0'], '2026-08-31', t, at('2026-09-01'))?.reasons,
    ).toEqual([
      'Istio 1.29.0 reached end of life on 2026-08-31: no more security fixes',
    ]);
  });
});

describe('ztunnelVerdicts', () => {
  it('degrades for nodes without ztunnel and for ztunnel too far from istiod', () => {
    expect(
      ztunnelVerdicts(
        { nodes: 3, up: 2, versions: [{ version: '1.28.1', count: 2 }] },
        ['1.30.3'],
        t,
      ),
    ).toEqual([
      { status: 'degraded', reasons: ['ztunnel is down on 1 of 3 nodes'] },
      {
        status: 'degraded',
        reasons: [
          'ztunnel more than 1 minor version(s) from istiod 1.30.3: 2 on 1.28.1',
        ],
      },
    ]);
    expect(ztunnelVerdicts(null, ['1.30.3'], t)).toEqual([]);
  });
});

describe('withDrift', () => {
  const health = (): ClusterHealth => ({
    ...unknownClusterHealth('c', {}, 'x', now),
    status: 'healthy',
    reasons: [],
    controlPlane: {
      istiodUp: true,
      versions: ['1.30.3'],
      connectedProxies: 1,
      xdsRejectsPerMinute: 0,
      pushP99Ms: 1,
    },
    revisions: ['default'],
  });

  it('keeps a worse status and adds its reasons after the others', () => {
    const failing = { ...health(), status: 'failing' as const, reasons: ['a'] };
    const drifted = withDrift(failing, { version: '1.31.1' });
    expect(drifted.status).toBe('failing');
    expect(drifted.reasons).toEqual([
      'a',
      'Git says 1.31.1, the cluster runs 1.30.3',
    ]);
  });

  it('leaves a cluster it could not read alone', () => {
    const unknown = unknownClusterHealth('c', {}, 'unreachable', now);
    expect(withDrift(unknown, { version: '1.31.1' })).toBe(unknown);
  });
});
