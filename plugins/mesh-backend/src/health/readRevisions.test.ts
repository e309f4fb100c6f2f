import { readRevisions } from './readRevisions';

const sample = (part: string, value: number, labels = {}) => ({
  labels: { mesh_part: part, ...labels },
  value,
});

describe('readRevisions', () => {
  it('reads an unlabelled istiod and its sidecars as the default revision', () => {
    expect(
      readRevisions([
        sample('istiodRevisions', 2, { tag: '1.30.1' }),
        sample('revisionIstiodUp', 1),
        sample('revisionConnectedProxies', 12),
        sample('revisionXdsRejectsPerMinute', 0),
        sample('revisionProxyVersions', 12, { tag: '1.30.1' }),
        sample('requests', 30, { mesh_code_class: '2' }),
        sample('requests', 10, { mesh_code_class: '5' }),
      ]),
    ).toEqual([
      {
        revision: 'default',
        versions: ['1.30.1'],
        istiodUp: true,
        connectedProxies: 12,
        xdsRejectsPerMinute: 0,
        proxyVersions: [{ version: '1.30.1', count: 12 }],
        requestsPerSecond: 40,
        errorRate5xx: 0.25,
      },
    ]);
  });

  it('makes no revision of request series alone, and takes istiod series as proof of up without an up series', () => {
    const revisions = readRevisions([
      sample('istiodRevisions', 1, { tag: '1.31.0', istio_io_rev: '1-31-0' }),
      sample('requests', 5, { mesh_code_class: '2', istio_io_rev: 'gone' }),
    ]);
    expect(revisions.map(r => [r.revision, r.istiodUp])).toEqual([
      ['1-31-0', true],
    ]);
    expect(revisions[0].requestsPerSecond).toBeNull();
  });
});
