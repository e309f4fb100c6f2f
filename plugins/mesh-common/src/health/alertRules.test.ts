import { meshAlertRules } from './alertRules';
import { DEFAULT_HEALTH_THRESHOLDS, HealthThresholds } from './thresholds';

const byName = (thresholds: HealthThresholds, version = '1.30.3') =>
  Object.fromEntries(
    meshAlertRules(thresholds, version).map(rule => [rule.alert, rule]),
  );

describe('meshAlertRules', () => {
  it('alerts on the numbers the health view judges with', () => {
    // GIVEN the health thresholds WHEN the rules are built THEN each limit appears in its rule
    const rules = byName(DEFAULT_HEALTH_THRESHOLDS);
    expect(rules.IstioMesh5xxRatioDegraded.expr).toMatch(/ >= 0\.001$/);
    expect(rules.IstioMesh5xxRatioFailing.expr).toMatch(/ >= 0\.1$/);
    expect(rules.IstioMesh4xxRatioDegraded.expr).toMatch(/ >= 0\.1$/);
    expect(rules.IstioMesh4xxRatioFailing.expr).toMatch(/ >= 0\.2$/);
    expect(rules.IstioMeshXdsRejects.expr).toMatch(/ \* 60 > 0$/);
    expect(rules.IstioMeshRootCaCertificateExpirySoon.expr).toBe(
      'min(citadel_server_root_cert_expiry_timestamp) - time() < 2592000',
    );
    expect(rules.IstioMeshIstiodCertificateExpiryImminent.expr).toBe(
      'min(citadel_server_cert_chain_expiry_timestamp) - time() < 604800',
    );
    expect(rules.IstioMeshProxyVersionSkew.expr).toBe(
      'count(istio_build{component="proxy",tag!~"1\\\\.(29|30|31)\\\\..*"}) > 0',
    );
    expect(Object.keys(rules)).toHaveLength(11);
  });

  it('follows changed thresholds, so the pager cannot drift from the view', () => {
    const rules = byName(
      {
        ...DEFAULT_HEALTH_THRESHOLDS,
        errorRate5xx: { degraded: 0.07, failing: 0.25 },
        xdsRejectsPerMinute: 3,
        maxProxyMinorVersionSkew: 2,
        certificateExpiryDays: { degraded: 45, failing: 10 },
      },
      '1.24.6',
    );
    expect(rules.IstioMesh5xxRatioDegraded.expr).toMatch(/ >= 0\.07$/);
    expect(rules.IstioMesh5xxRatioDegraded.annotations.summary).toBe(
      '5xx ratio at or above 7%',
    );
    expect(rules.IstioMesh5xxRatioFailing.expr).toMatch(/ >= 0\.25$/);
    expect(rules.IstioMeshXdsRejects.expr).toMatch(/ > 3$/);
    expect(rules.IstioMeshProxyVersionSkew.expr).toContain('(22|23|24|25|26)');
    expect(rules.IstioMeshRootCaCertificateExpirySoon.expr).toMatch(
      / < 3888000$/,
    );
    expect(rules.IstioMeshRootCaCertificateExpiryImminent.expr).toMatch(
      / < 864000$/,
    );
  });
});
