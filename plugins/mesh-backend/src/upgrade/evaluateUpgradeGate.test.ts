import {
  defaultUpgradeGateThresholds,
  RevisionHealth,
} from '@mesh-templates/plugin-mesh-common';
import { evaluateUpgradeGate, UpgradeGateFacts } from './evaluateUpgradeGate';

const thresholds = defaultUpgradeGateThresholds();

function revision(
  name: string,
  overrides: Partial<RevisionHealth> = {},
): RevisionHealth {
  return {
    revision: name,
    versions: ['1.31.0'],
    istiodUp: true,
    connectedProxies: 2,
    xdsRejectsPerMinute: 0,
    proxyVersions: [{ version: '1.31.0', count: 2 }],
    requestsPerSecond: 4,
    errorRate5xx: 0,
    ...overrides,
  };
}

function facts(stable: RevisionHealth, canary?: RevisionHealth) {
  return {
    cluster: 'cluster-east',
    from: '1-30-3',
    to: '1-31-0',
    revisions: canary ? [stable, canary] : [stable],
  } satisfies UpgradeGateFacts;
}

const stable = revision('1-30-3', {
  versions: ['1.30.3'],
  connectedProxies: 6,
  proxyVersions: [{ version: '1.30.3', count: 6 }],
  errorRate5xx: 0.0005,
});

describe('evaluateUpgradeGate', () => {
  it('allows promote when the canary istiod is up, accepts config and errs no more than stable', () => {
    expect(
      evaluateUpgradeGate(
        facts(stable, revision('1-31-0', { errorRate5xx: 0.001 })),
        'promote',
        thresholds,
      ),
    ).toEqual({ allowed: true, reasons: [] });
  });

  it('refuses promote naming the cluster, revision and numbers for each failed check', () => {
    const verdict = evaluateUpgradeGate(
      facts(
        stable,
        revision('1-31-0', {
          istiodUp: false,
          xdsRejectsPerMinute: 3,
          errorRate5xx: 0.2,
        }),
      ),
      'promote',
      thresholds,
    );
    expect(verdict).toEqual({
      allowed: false,
      reasons: [
        'cluster-east: istiod of revision 1-31-0 is not up',
        'cluster-east: proxies on revision 1-31-0 reject configuration: 3.0 xDS rejects/min (limit 0)',
        'cluster-east: workloads on revision 1-31-0 answer 20.00 % 5xx against 0.05 % on 1-30-3 (allowed increase 0.10 %)',
      ],
    });
  });

  it('lets configured thresholds tolerate a worse canary', () => {
    const canary = revision('1-31-0', {
      xdsRejectsPerMinute: 3,
      errorRate5xx: 0.02,
    });
    expect(
      evaluateUpgradeGate(facts(stable, canary), 'promote', {
        xdsRejectsPerMinute: 5,
        errorRate5xxIncrease: 0.05,
      }).allowed,
    ).toBe(true);
  });

  it('refuses promote when the canary revision is not running at all', () => {
    expect(evaluateUpgradeGate(facts(stable), 'promote', thresholds)).toEqual({
      allowed: false,
      reasons: [
        'cluster-east: revision 1-31-0 has no istiod or proxies in Prometheus',
      ],
    });
  });

  it('refuses cleanup while proxies still connect to the old revision, allows it once none do', () => {
    expect(
      evaluateUpgradeGate(
        facts(stable, revision('1-31-0')),
        'cleanup',
        thresholds,
      ),
    ).toEqual({
      allowed: false,
      reasons: ['cluster-east: 6 proxies still connect to revision 1-30-3'],
    });
    const drained = revision('1-30-3', {
      connectedProxies: 0,
      proxyVersions: [],
    });
    expect(
      evaluateUpgradeGate(
        facts(drained, revision('1-31-0')),
        'cleanup',
        thresholds,
      ),
    ).toEqual({ allowed: true, reasons: [] });
  });

  it('refuses when the cluster could not be read', () => {
    expect(
      evaluateUpgradeGate(
        { ...facts(stable), revisions: [], unreadable: ['connection refused'] },
        'cleanup',
        thresholds,
      ),
    ).toEqual({
      allowed: false,
      reasons: [
        'cluster-east: control-plane facts unavailable (connection refused)',
      ],
    });
  });
});
