import fs from 'node:fs';
import path from 'node:path';
import yaml from 'yaml';
import { readMeshClusterDocument } from './meshClusterDocument';
import { safeParseMeshClusterSpec } from './parseMeshClusterSpec';

/** A revisioned mesh with two injection namespaces, upgrading from 1.30.3 to 1.31.0. */
function withUpgrade(
  upgrade: Record<string, unknown>,
  istio: Record<string, unknown> = {},
) {
  return {
    istio: {
      version: '1.30.3',
      revision: '1-30-3',
      revisionTags: ['prod'],
      injectionNamespaces: ['shop', 'payments'],
      upgrade: {
        toVersion: '1.31.0',
        toRevision: '1-31-0',
        stage: 'canary',
        ...upgrade,
      },
      ...istio,
    },
  };
}

function issues(input: unknown) {
  const result = safeParseMeshClusterSpec(input);
  return result.success ? [] : result.issues;
}

describe('istio.upgrade', () => {
  it('accepts an upgrade in progress and defaults the canary tag and moved namespaces', () => {
    const result = safeParseMeshClusterSpec(withUpgrade({}));
    expect(result.success && result.spec.istio.upgrade).toEqual({
      toVersion: '1.31.0',
      toRevision: '1-31-0',
      stage: 'canary',
      canaryTag: 'canary',
      movedNamespaces: [],
    });
  });

  it('is absent outside an upgrade, so documents written before it still read', () => {
    // GIVEN the v1alpha1 document committed before upgrades existed
    const document = yaml.parse(
      fs.readFileSync(
        path.join(__dirname, '__fixtures__', 'mesh-cluster-v1alpha1.yaml'),
        'utf8',
      ),
    );
    // WHEN it is read THEN it parses and records no upgrade
    expect(readMeshClusterDocument(document).istio.upgrade).toBeUndefined();
  });

  it('names each rule an upgrade breaks', () => {
    expect(issues(withUpgrade({}, { revision: '', revisionTags: [] }))).toEqual(
      [
        {
          path: 'istio.upgrade',
          message:
            'needs istio.revision: a canary upgrade runs two named revisions side by side',
        },
      ],
    );
    expect(issues(withUpgrade({}, { installMethod: 'istioctl' }))).toEqual([
      {
        path: 'istio.upgrade',
        message:
          'needs installMethod helm or sail: the second revision is rendered as a Helm release or a Sail IstioRevision (got istioctl)',
      },
    ]);
    expect(issues(withUpgrade({ toRevision: '1-30-3' }))).toEqual([
      {
        path: 'istio.upgrade.toRevision',
        message:
          'must differ from istio.revision 1-30-3: both revisions run during the upgrade',
      },
    ]);
    expect(issues(withUpgrade({ canaryTag: 'prod' }))).toEqual([
      {
        path: 'istio.upgrade.canaryTag',
        message:
          'prod is already a revision or one of istio.revisionTags; the canary tag must name only the new revision',
      },
    ]);
    expect(
      issues(withUpgrade({ stage: 'move', movedNamespaces: ['billing'] })),
    ).toEqual([
      {
        path: 'istio.upgrade.movedNamespaces[0]',
        message:
          'billing is not one of istio.injectionNamespaces; only mesh namespaces move to the canary',
      },
    ]);
    expect(issues(withUpgrade({ movedNamespaces: ['shop'] }))).toEqual([
      {
        path: 'istio.upgrade.movedNamespaces',
        message: 'must be empty at stage canary: namespaces move at stage move',
      },
    ]);
  });

  it('refuses an unsupported target and an unknown stage', () => {
    expect(
      issues(withUpgrade({ toVersion: '1.40.0', stage: 'rollout' })).map(
        i => i.path,
      ),
    ).toEqual(['istio.upgrade.toVersion', 'istio.upgrade.stage']);
  });

  it("accepts a Sail RevisionBased upgrade within the operator's releases and names what Sail cannot do", () => {
    // GIVEN a sail mesh (Istio resource prod, tag stable) on 1.29.6
    const sail = (upgrade: Record<string, unknown>, istio = {}) =>
      withUpgrade(
        { toRevision: 'prod-v1-30-3', toVersion: '1.30.3', ...upgrade },
        {
          installMethod: 'sail',
          version: '1.29.6',
          revision: 'prod',
          revisionTags: ['stable'],
          ...istio,
        },
      );
    // THEN the upgrade to 1.30.3 is valid, 1.31.0 and ambient are not
    expect(issues(sail({}))).toEqual([]);
    expect(issues(sail({ toVersion: '1.31.0' }))).toEqual([
      {
        path: 'istio.upgrade.toVersion',
        message:
          'Istio 1.31.0 is not installed by the Sail Operator 1.30.3 (it installs 1.28.0–1.30.3)',
      },
    ]);
    expect(
      issues(sail({}, { dataplane: 'ambient', profile: 'ambient' })),
    ).toContainEqual({
      path: 'istio.upgrade',
      message:
        'needs dataplane sidecar with installMethod sail: the Sail Operator updates ambient meshes only in place',
    });
  });
});
