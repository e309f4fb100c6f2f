import { ConfigReader } from '@backstage/config';
import { DEFAULT_HEALTH_THRESHOLDS } from '@mesh-templates/plugin-mesh-common';
import { readMeshConfig } from './readMeshConfig';

const read = (mesh: object) => readMeshConfig(new ConfigReader({ mesh }));

describe('readMeshConfig', () => {
  it('gives Kiali thresholds, a 3 s timeout, a 15 s cache and 16 buffered answers when nothing is configured', () => {
    const config = readMeshConfig(new ConfigReader({}));
    expect(config).toEqual({
      clusters: [],
      clusterTimeoutMs: 3000,
      cacheTtlMs: 15000,
      maxBufferedAnswers: 16,
      thresholds: DEFAULT_HEALTH_THRESHOLDS,
      upgradeGate: { xdsRejectsPerMinute: 0, errorRate5xxIncrease: 0.001 },
    });
    expect(read({ clusters: [] }).maxBufferedAnswers).toBe(16);
  });

  it('takes the upgrade gate limits from mesh.upgradeGate, else from the configured health thresholds', () => {
    expect(
      read({
        thresholds: {
          xdsRejectsPerMinute: 2,
          errorRate5xx: { degraded: 0.01 },
        },
      }).upgradeGate,
    ).toEqual({ xdsRejectsPerMinute: 2, errorRate5xxIncrease: 0.01 });
    expect(
      read({
        upgradeGate: { xdsRejectsPerMinute: 1, errorRate5xxIncrease: 0.05 },
      }).upgradeGate,
    ).toEqual({ xdsRejectsPerMinute: 1, errorRate5xxIncrease: 0.05 });
    expect(() => read({ upgradeGate: { errorRate5xxIncrease: -1 } })).toThrow(
      "Invalid config at 'mesh.upgradeGate.errorRate5xxIncrease': must be a number of at least 0",
    );
  });

  it('reads the bound on buffered Prometheus answers', () => {
    expect(read({ maxBufferedAnswers: 4 }).maxBufferedAnswers).toBe(4);
  });

  it('reads per-cluster Prometheus with token and headers as request headers', () => {
    const config = read({
      clusters: [
        {
          name: 'cluster-east',
          prometheus: {
            url: 'http://prom.east:9090/',
            token: 't0ken',
            headers: { 'X-Scope-OrgID': 'east' },
          },
          links: { kiali: 'https://kiali.east' },
        },
      ],
    });
    expect(config.clusters[0]).toEqual({
      name: 'cluster-east',
      prometheus: {
        url: 'http://prom.east:9090',
        headers: { Authorization: 'Bearer t0ken', 'X-Scope-OrgID': 'east' },
      },
      links: { kiali: 'https://kiali.east' },
    });
  });

  it('falls back to the global Prometheus with a cluster label matcher', () => {
    const config = read({
      prometheus: { url: 'http://thanos:9090', clusterLabel: 'k8s_cluster' },
      clusters: [
        { name: 'east' },
        { name: 'west', prometheus: { url: 'http://prom.west' } },
      ],
    });
    expect(config.clusters[0].prometheus).toEqual({
      url: 'http://thanos:9090',
      headers: {},
      clusterMatcher: { label: 'k8s_cluster', value: 'east' },
    });
    expect(config.clusters[1].prometheus.clusterMatcher).toBeUndefined();
  });

  it.each([
    [{ clusters: [{ name: 'east' }] }, "'mesh.clusters[0].prometheus'"],
    [
      { clusters: [{ name: 'East_1', prometheus: { url: 'http://p' } }] },
      "'mesh.clusters[0].name'",
    ],
    [
      { clusters: [{ name: 'e', prometheus: { url: 'file:///etc/passwd' } }] },
      "'mesh.clusters[0].prometheus.url'",
    ],
    [
      { clusters: [{ name: 'e', prometheus: { url: 'http://user:pw@p' } }] },
      "'mesh.clusters[0].prometheus.url'",
    ],
    [
      {
        clusters: [
          { name: 'e', prometheus: { url: 'http://p' } },
          { name: 'e', prometheus: { url: 'http://q' } },
        ],
      },
      "'mesh.clusters[1].name'",
    ],
    [
      { thresholds: { errorRate5xx: { degraded: 0.5, failing: 0.2 } } },
      "'mesh.thresholds.errorRate5xx.degraded'",
    ],
    [
      { thresholds: { errorRate4xx: { failing: 20 } } },
      "'mesh.thresholds.errorRate4xx.failing'",
    ],
    [
      { thresholds: { certificateExpiryDays: { degraded: 5, failing: 7 } } },
      "'mesh.thresholds.certificateExpiryDays.degraded'",
    ],
    [{ clusterTimeoutMs: 0 }, "'mesh.clusterTimeoutMs'"],
    [{ maxBufferedAnswers: 0 }, "'mesh.maxBufferedAnswers'"],
    [{ maxBufferedAnswers: 2.5 }, "'mesh.maxBufferedAnswers'"],
    [
      {
        prometheus: { url: 'http://p', clusterLabel: 'bad-label' },
        clusters: [{ name: 'e' }],
      },
      "'mesh.prometheus.clusterLabel'",
    ],
  ])('names the key in errors: %j', (mesh, key) => {
    expect(() => read(mesh)).toThrow(key);
  });

  it('reads certificate and end-of-life limits in days', () => {
    const config = read({
      thresholds: {
        certificateExpiryDays: { degraded: 45 },
        endOfLifeWarningDays: 90,
      },
    });
    expect(config.thresholds.certificateExpiryDays).toEqual({
      degraded: 45,
      failing: 7,
    });
    expect(config.thresholds.endOfLifeWarningDays).toBe(90);
  });

  it('never puts credentials into an error message', () => {
    expect(() =>
      read({
        clusters: [{ name: 'e', prometheus: { url: 'http://user:s3cret@p' } }],
      }),
    ).toThrow(
      expect.objectContaining({
        message: expect.not.stringContaining('s3cret'),
      }),
    );
  });
});
