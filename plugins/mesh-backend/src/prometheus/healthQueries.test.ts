import {
  combine,
  instantExpressions,
  MAX_CLUSTER_REGEX_LENGTH,
  trendExpressions,
} from './healthQueries';

describe('health queries', () => {
  it('counts requests once: every request selector is reporter="destination"', () => {
    const all = [
      ...Object.values(instantExpressions({})),
      ...Object.values(trendExpressions({})),
    ];
    const requestSelectors =
      all.join('\n').match(/istio_request[a-z_]*\{[^}]*\}/g) ?? [];
    // Instant: requests by class, latency p50 and p99; trend: requests by class.
    expect(requestSelectors).toHaveLength(4);
    for (const selector of requestSelectors) {
      expect(selector).toContain('reporter="destination"');
    }
  });

  it('narrows every selector to the cluster in a shared Prometheus', () => {
    const exprs = instantExpressions({
      clusters: { label: 'cluster', values: ['east'] },
    });
    for (const expr of Object.values(exprs)) {
      expect(expr).toContain('cluster="east"');
    }
  });

  it('asks a shared Prometheus once for several clusters: every aggregation keeps the cluster label', () => {
    const scope = {
      clusters: { label: 'k8s_cluster', values: ['west', 'east', 'a.b'] },
    };
    const all = [
      ...Object.values(instantExpressions(scope)),
      ...Object.values(trendExpressions(scope)),
    ];
    for (const expr of all) {
      // Anchored regex over exactly the asked clusters, regex metacharacters escaped.
      expect(expr).toContain('k8s_cluster=~"a\\\\.b|east|west"');
      const aggregations =
        expr.match(/\b(?:sum|max|min|count)\b(?: by \([^)]*\) )?\(/g) ?? [];
      expect(aggregations.length).toBeGreaterThan(0);
      for (const aggregation of aggregations) {
        expect(aggregation).toMatch(
          / by \(k8s_cluster(, (le|tag|istio_io_rev(, tag)?|mesh_code_class(, connection_security_policy(, istio_io_rev)?)?))?\) \($/,
        );
      }
    }
    expect(trendExpressions(scope).requests).toBe(
      'sum by (k8s_cluster, mesh_code_class) (label_replace(rate(istio_requests_total{reporter="destination",k8s_cluster=~"a\\\\.b|east|west"}[5m]), "mesh_code_class", "$1", "response_code", "([0-9])[0-9][0-9]"))',
    );
  });

  it('asks for every cluster of the store once the cluster regex would outgrow the budget', () => {
    const names = (n: number) =>
      Array.from(
        { length: n },
        (_, i) => `cluster-${String(i).padStart(3, '0')}`,
      );
    const fits = Math.floor((MAX_CLUSTER_REGEX_LENGTH + 1) / 12);
    const small = trendExpressions({
      clusters: { label: 'cluster', values: names(fits) },
    }).requests;
    expect(small).toContain('cluster=~"cluster-000|');
    const large = trendExpressions({
      clusters: { label: 'cluster', values: names(fits + 1) },
    }).requests;
    expect(large).toContain('cluster!=""');
    expect(large).not.toContain('cluster=~');
    // Still grouped by cluster, so the caller splits the answer as before.
    expect(large).toMatch(/^sum by \(cluster, mesh_code_class\)/);
  });

  it('keeps per-cluster queries free of any grouping label', () => {
    const exprs = instantExpressions({});
    expect(exprs.requests).toBe(
      'sum by (mesh_code_class, connection_security_policy, istio_io_rev) (label_replace(rate(istio_requests_total{reporter="destination"}[5m]), "mesh_code_class", "$1", "response_code", "([0-9])[0-9][0-9]"))',
    );
    expect(exprs.latencyP99Ms).toBe(
      'histogram_quantile(0.99, sum by (le) (rate(istio_request_duration_milliseconds_bucket{reporter="destination"}[5m])))',
    );
  });

  it('splits every control-plane fact by istiod revision, one expression per fact for all clusters', () => {
    const exprs = instantExpressions({
      clusters: { label: 'cluster', values: ['east', 'west'] },
    });
    const c = 'cluster=~"east|west"';
    expect(exprs.istiodRevisions).toBe(
      `count by (cluster, istio_io_rev, tag) (istio_build{component="pilot",${c}})`,
    );
    expect(exprs.revisionIstiodUp).toBe(
      `max by (cluster, istio_io_rev) (up{job=~".*istiod.*",${c}})`,
    );
    expect(exprs.revisionConnectedProxies).toBe(
      `sum by (cluster, istio_io_rev) (pilot_xds{${c}})`,
    );
    expect(exprs.revisionXdsRejectsPerMinute).toBe(
      `sum by (cluster, istio_io_rev) (rate(pilot_total_xds_rejects{${c}}[5m])) * 60`,
    );
    expect(exprs.revisionProxyVersions).toBe(
      `count by (cluster, istio_io_rev, tag) (istio_build{component="proxy",${c}})`,
    );
    // The 5xx per revision comes from the one request rate, not a second rate() over the requests.
    expect(exprs.requests.match(/istio_requests_total/g)).toHaveLength(1);
    expect(exprs.requests).toMatch(
      /^sum by \(cluster, mesh_code_class, connection_security_policy, istio_io_rev\)/,
    );
  });

  it('escapes workload values so they cannot add matchers or end the query', () => {
    const exprs = instantExpressions({
      workload: { id: 'a"} or up{x="', namespace: 'ns\\' },
    });
    expect(exprs.requests).toContain(
      'destination_canonical_service="a\\"} or up{x=\\""',
    );
    expect(exprs.requests).toContain('destination_workload_namespace="ns\\\\"');
  });

  it('tags each part of a combined query', () => {
    expect(combine({ a: 'x', b: 'y' })).toBe(
      'label_replace(x, "mesh_part", "a", "", "")\nor\nlabel_replace(y, "mesh_part", "b", "", "")',
    );
  });
});
