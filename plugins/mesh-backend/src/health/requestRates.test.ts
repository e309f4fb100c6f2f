import { requestRates, requestTrend } from './requestRates';

const sample = (codeClass: string, policy: string, value: number) => ({
  labels: { mesh_code_class: codeClass, connection_security_policy: policy },
  value,
});

describe('requestRates', () => {
  it('adds the class and policy series up into total, 5xx, 4xx and mTLS', () => {
    expect(
      requestRates([
        sample('2', 'mutual_tls', 10),
        sample('2', 'none', 2),
        sample('4', 'mutual_tls', 1),
        sample('5', 'none', 0.5),
        // An upstream reset has response_code="0": no class, but still a request.
        { labels: { connection_security_policy: 'mutual_tls' }, value: 0.25 },
      ]),
    ).toEqual({
      total: 13.75,
      status5xx: 0.5,
      status4xx: 1,
      mutualTls: 11.25,
    });
  });

  it('says "no series" (null) rather than 0 when no request of a kind was seen', () => {
    expect(requestRates([sample('2', 'none', 3)])).toEqual({
      total: 3,
      status5xx: null,
      status4xx: null,
      mutualTls: null,
    });
    expect(requestRates([])).toEqual({
      total: null,
      status5xx: null,
      status4xx: null,
      mutualTls: null,
    });
  });
});

describe('requestTrend', () => {
  it('gives requests/s per step and the 5xx share of each step that saw requests, in time order', () => {
    const trend = requestTrend([
      {
        labels: { mesh_code_class: '5' },
        points: [{ t: 300, v: 1 }],
      },
      {
        labels: { mesh_code_class: '2' },
        points: [
          { t: 600, v: 0 },
          { t: 300, v: 3 },
          { t: 0, v: 4 },
          { t: 900, v: Number.NaN },
        ],
      },
    ]);
    expect(trend.requestsPerSecond).toEqual([
      { t: 0, v: 4 },
      { t: 300, v: 4 },
      { t: 600, v: 0 },
    ]);
    // No 5xx series at t=0: a share of 0, not a gap. No requests at t=600: no share at all.
    expect(trend.errorRate5xx).toEqual([
      { t: 0, v: 0 },
      { t: 300, v: 0.25 },
    ]);
  });
});
