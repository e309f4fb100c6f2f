import { parseMeshClusterSpec } from '@mesh-templates/plugin-mesh-common';
import { renderMeshBundle } from '../render/renderMeshBundle';
import { loadExampleSpecInput } from '../render/__testUtils__/exampleSpecs';
import { summarizeChange } from './changeSummary';
import { diffFiles } from './diffFiles';
import { gitBlobSha } from './gitBlobSha';
import { pullRequestBody } from './pullRequestBody';
import { whatChangesSection } from './whatChangesSection';

/** A multi-primary mesh of `count` clusters; `variant` changes the trust domain and every address. */
function meshOf(count: number, variant: number) {
  const input = loadExampleSpecInput('multi-primary-3-clusters');
  input.mesh.trustDomain = `prod${variant}.example.com`;
  input.multiCluster.clusters = Array.from({ length: count }, (_, i) => ({
    name: i === 0 ? 'east-1' : `member-${i}`,
    network: i === 0 ? 'net-east' : `net-${i}`,
    role: 'primary',
    eastWestGatewayAddress:
      i === 0 ? '' : `10.${variant}.${Math.floor(i / 250)}.${(i % 250) + 1}`,
  }));
  return parseMeshClusterSpec(input);
}

function ownFolder(spec: ReturnType<typeof meshOf>) {
  const bundle = renderMeshBundle(spec);
  return {
    files: bundle.files.filter(f => f.path.startsWith('clusters/east-1/')),
    entries: bundle.index.filter(e => e.cluster === 'east-1'),
  };
}

describe('the What changes section of a 100-cluster mesh', () => {
  it('stays within GitHub body limit and is the same every time', () => {
    // GIVEN east-1's folder of a 100-cluster mesh as merged, and one where every member moved
    const before = ownFolder(meshOf(100, 1));
    const after = ownFolder(meshOf(100, 2));
    const current = new Map(
      before.files.map(f => [f.path, gitBlobSha(f.content)]),
    );
    const previous = new Map(before.files.map(f => [f.path, f.content]));
    // WHEN the body is written twice
    const bodyOnce = () =>
      pullRequestBody({
        cluster: 'east-1',
        targetPath: 'clusters/east-1',
        baseBranch: 'main',
        facts: { engine: 'argocd' },
        entries: after.entries,
        files: after.files.map(f => f.path),
        whatChanges: whatChangesSection(
          summarizeChange(diffFiles(current, after.files), previous),
        ),
      });
    const body = bodyOnce();
    // THEN it is within 65,536 characters, identical, and counts what it leaves out
    expect(body.length).toBeLessThanOrEqual(65_536);
    expect(bodyOnce()).toBe(body);
    expect(body).toContain(
      '- `mesh.trustDomain`: `prod1.example.com` → `prod2.example.com`',
    );
    expect(body).toMatch(/- … and \d+ more fields \(see the diff\)/);
  });
});
