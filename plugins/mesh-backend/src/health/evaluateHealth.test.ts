import { DEFAULT_HEALTH_THRESHOLDS } from '@mesh-templates/plugin-mesh-common';
import { evaluateHealth, HealthInput } from './evaluateHealth';

function input(overrides: {
  controlPlane?: Partial<HealthInput['controlPlane']>;
  traffic?: Partial<HealthInput['traffic']>;
  proxies?: Partial<HealthInput['proxies']>;
  noIstioData?: boolean;
}): HealthInput {
  return {
    noIstioData: overrides.noIstioData ?? false,
    controlPlane: {
      istiodUp: true,
      versions: ['1.30.1'],
      connectedProxies: 10,
      xdsRejectsPerMinute: 0,
      pushP99Ms: 100,
      ...overrides.controlPlane,
    },
    traffic: {
      requestsPerSecond: 10,
      errorRate5xx: 0,
      errorRate4xx: 0,
      latencyP50Ms: 5,
      latencyP99Ms: 50,
      mtlsShare: 1,
      ...overrides.traffic,
    },
    proxies: {
      versions: [{ version: '1.30.1', count: 10 }],
      skew: 0,
      ...overrides.proxies,
    },
  };
}

const evaluate = (i: HealthInput) =>
  evaluateHealth(i, DEFAULT_HEALTH_THRESHOLDS);

describe('evaluateHealth', () => {
  it('is healthy with no errors and istiod up', () => {
    expect(evaluate(input({}))).toEqual({ status: 'healthy', reasons: [] });
  });

  it('follows Kiali for 5xx: degraded from 0.1 %, failing from 10 %', () => {
    expect(evaluate(input({ traffic: { errorRate5xx: 0.0009 } })).status).toBe(
      'healthy',
    );
    expect(evaluate(input({ traffic: { errorRate5xx: 0.0011 } }))).toEqual({
      status: 'degraded',
      reasons: ['5xx ratio 0.11% is at or above 0.10%'],
    });
    expect(evaluate(input({ traffic: { errorRate5xx: 0.0999 } })).status).toBe(
      'degraded',
    );
    expect(evaluate(input({ traffic: { errorRate5xx: 0.1 } })).status).toBe(
      'failing',
    );
  });

  it('follows Kiali for 4xx: degraded from 10 %, failing from 20 %', () => {
    expect(evaluate(input({ traffic: { errorRate4xx: 0.099 } })).status).toBe(
      'healthy',
    );
    expect(evaluate(input({ traffic: { errorRate4xx: 0.1 } })).status).toBe(
      'degraded',
    );
    expect(
      evaluate(input({ traffic: { errorRate4xx: 0.25 } })).reasons,
    ).toEqual(['4xx ratio 25.0% is at or above 20.0%']);
  });

  it('fails when istiod is down, whatever the traffic says', () => {
    expect(evaluate(input({ controlPlane: { istiodUp: false } }))).toEqual({
      status: 'failing',
      reasons: ['istiod is down: no istiod target is up'],
    });
  });

  it('degrades on xDS rejects and on sidecars beyond the supported skew', () => {
    const verdict = evaluate(
      input({
        controlPlane: { xdsRejectsPerMinute: 2 },
        proxies: {
          versions: [
            { version: '1.28.0', count: 3 },
            { version: '1.29.4', count: 1 },
            { version: '1.30.1', count: 5 },
          ],
        },
      }),
    );
    expect(verdict.status).toBe('degraded');
    expect(verdict.reasons).toEqual([
      'proxies reject xDS configuration: 2.0 per minute',
      'sidecars more than 1 minor version(s) from istiod 1.30.1: 3 on 1.28.0',
    ]);
  });

  it('keeps every reason and reports the worst status', () => {
    const verdict = evaluate(
      input({
        controlPlane: { istiodUp: false, xdsRejectsPerMinute: 1 },
        traffic: { errorRate5xx: 0.01 },
      }),
    );
    expect(verdict.status).toBe('failing');
    expect(verdict.reasons).toHaveLength(3);
  });

  it('is unknown without Istio data, and silent about ratios without traffic', () => {
    expect(evaluate(input({ noIstioData: true })).status).toBe('unknown');
    expect(
      evaluate(
        input({
          traffic: {
            requestsPerSecond: null,
            errorRate5xx: null,
            errorRate4xx: null,
          },
        }),
      ),
    ).toEqual({
      status: 'healthy',
      reasons: [],
    });
  });

  it('uses configured thresholds', () => {
    const thresholds = {
      ...DEFAULT_HEALTH_THRESHOLDS,
      errorRate5xx: { degraded: 0.05, failing: 0.5 },
    };
    expect(
      evaluateHealth(input({ traffic: { errorRate5xx: 0.02 } }), thresholds)
        .status,
    ).toBe('healthy');
  });
});
