import { parseMeshClusterSpec } from '@mesh-templates/plugin-mesh-common';
import fs from 'node:fs';
import path from 'node:path';
import yaml from 'yaml';
import { renderMeshBundle } from '../render/renderMeshBundle';
import { knownCrdFor } from './knownCrds';

const specsDir = path.resolve(__dirname, '../../../../examples/specs');

/** API groups Kubernetes serves itself; every other dotted group comes from a CRD. */
const builtInGroups = new Set([
  'admissionregistration.k8s.io',
  'apiextensions.k8s.io',
  'networking.k8s.io',
  'policy',
  'rbac.authorization.k8s.io',
  'storage.k8s.io',
]);

describe('knownCrdFor', () => {
  it('knows the CRD of every custom kind the example bundles contain', () => {
    // GIVEN every kind with a dotted API group that any example bundle renders
    const customKinds = new Set<string>();
    for (const file of fs
      .readdirSync(specsDir)
      .filter(f => f.endsWith('.yaml'))) {
      const spec = parseMeshClusterSpec(
        yaml.parse(fs.readFileSync(path.join(specsDir, file), 'utf8')),
      );
      for (const { object } of renderMeshBundle(spec).objects) {
        const group = object.apiVersion.includes('/')
          ? object.apiVersion.split('/')[0]
          : '';
        if (group.includes('.') && !builtInGroups.has(group))
          customKinds.add(`${group}/${object.kind}`);
      }
    }
    expect(customKinds.size).toBeGreaterThan(5);

    // THEN each has a named CRD whose name ends in its group, and an installer to point at
    const unknown = [...customKinds].filter(groupKind => {
      const [group, kind] = groupKind.split('/');
      const crd = knownCrdFor(group, kind);
      return !crd || !crd.name.endsWith(`.${group}`) || !crd.installedBy;
    });
    expect(unknown).toEqual([]);
  });

  it('knows nothing of kinds outside the bundles', () => {
    expect(knownCrdFor('example.com', 'Widget')).toBeUndefined();
  });
});
