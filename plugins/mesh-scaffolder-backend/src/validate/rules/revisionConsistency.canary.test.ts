import { BundleBuilder, namespace } from '../__testUtils__/bundleBuilder';
import { revisionConsistency } from './revisionConsistency';

/** Cluster "a" mid-upgrade: istiod 1-30-3 and a canary istiod 1-31-0 in its own values file. */
function canaryCluster(
  running: Record<string, unknown>,
  canary: Record<string, unknown>,
) {
  const global = {
    multiCluster: { clusterName: 'a' },
    network: 'n',
    meshID: 'm',
  };
  return new BundleBuilder()
    .cluster('a')
    .values('a', 'istiod', { global, ...running })
    .values(
      'a',
      'istiod',
      { global, ...canary },
      {
        file: 'clusters/a/istio/values/istiod-1-31-0.yaml',
        release: 'istiod-1-31-0',
      },
    );
}

describe('revisionConsistency during a canary upgrade', () => {
  it('accepts two revisions, with namespaces and gateways on either one or its tags', () => {
    // GIVEN the running revision with tag prod and the canary with tag canary
    const bundle = canaryCluster(
      { revision: '1-30-3', revisionTags: ['prod'] },
      { revision: '1-31-0', revisionTags: ['canary'] },
    )
      .values('a', 'gateway', { revision: '1-30-3' })
      .object(
        'a',
        'clusters/a/namespaces.yaml',
        namespace('shop', { 'istio.io/rev': 'canary' }),
        'namespaces',
      )
      .object(
        'a',
        'clusters/a/namespaces.yaml',
        namespace('pay', { 'istio.io/rev': 'prod' }),
        'namespaces',
      )
      .build();
    // THEN nothing is reported
    expect(revisionConsistency(bundle)).toEqual([]);
  });

  it('reports a second istiod of the same revision and a tag on both revisions', () => {
    const sameRevision = canaryCluster(
      { revision: '1-30-3', revisionTags: ['prod'] },
      { revision: '1-30-3', revisionTags: [] },
    ).build();
    expect(revisionConsistency(sameRevision)).toEqual([
      expect.objectContaining({
        file: 'clusters/a/istio/values/istiod-1-31-0.yaml',
        path: 'revision',
        message: expect.stringContaining(
          'a second istiod needs its own revision',
        ),
      }),
    ]);
    const sharedTag = canaryCluster(
      { revision: '1-30-3', revisionTags: ['prod'] },
      { revision: '1-31-0', revisionTags: ['prod'] },
    ).build();
    expect(revisionConsistency(sharedTag)).toEqual([
      expect.objectContaining({
        file: 'clusters/a/istio/values/istiod-1-31-0.yaml',
        path: 'revisionTags',
        message:
          'tag "prod" is also a tag of revision "1-30-3" (clusters/a/istio/values/istiod.yaml revision); a tag points at one revision',
      }),
    ]);
  });

  it('reports a namespace on a tag neither revision has, naming both', () => {
    const bundle = canaryCluster(
      { revision: '1-30-3', revisionTags: ['prod'] },
      { revision: '1-31-0', revisionTags: ['canary'] },
    )
      .object(
        'a',
        'clusters/a/namespaces.yaml',
        namespace('shop', { 'istio.io/rev': 'beta' }),
        'namespaces',
      )
      .build();
    expect(revisionConsistency(bundle).map(p => p.message)).toEqual([
      'is "beta" but istiod (clusters/a/istio/values/istiod.yaml revision) runs revision "1-30-3" with tags prod and istiod (clusters/a/istio/values/istiod-1-31-0.yaml revision) runs revision "1-31-0" with tags canary',
    ]);
  });
});
