import { combine, instantExpressions, trendExpressions } from './healthQueries';

describe('health queries', () => {
  it('counts requests once: every request selector is reporter="destination"', () => {
    const all = [
      ...Object.values(instantExpressions({})),
      ...Object.values(trendExpressions({})),
    ];
    const requestSelectors =
      all.join('\n').match(/istio_request[a-z_]*\{[^}]*\}/g) ?? [];
    expect(requestSelectors.length).toBeGreaterThan(5);
    for (const selector of requestSelectors) {
      expect(selector).toContain('reporter="destination"');
    }
  });

  it('narrows every selector to the cluster in a shared Prometheus', () => {
    const exprs = instantExpressions({
      clusterMatcher: { label: 'cluster', value: 'east' },
    });
    for (const expr of Object.values(exprs)) {
      expect(expr).toContain('cluster="east"');
    }
  });

  it('escapes workload values so they cannot add matchers or end the query', () => {
    const exprs = instantExpressions({
      workload: { id: 'a"} or up{x="', namespace: 'ns\\' },
    });
    expect(exprs.requestsPerSecond).toContain(
      'destination_canonical_service="a\\"} or up{x=\\""',
    );
    expect(exprs.requestsPerSecond).toContain(
      'destination_workload_namespace="ns\\\\"',
    );
  });

  it('tags each part of a combined query', () => {
    expect(combine({ a: 'x', b: 'y' })).toBe(
      'label_replace(x, "mesh_part", "a", "", "")\nor\nlabel_replace(y, "mesh_part", "b", "", "")',
    );
  });
});
