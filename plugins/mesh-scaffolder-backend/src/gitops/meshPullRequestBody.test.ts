import { parseMeshClusterSpec } from '@mesh-templates/plugin-mesh-common';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeBundle } from '../bundle/writeBundle';
import { renderMeshBundle } from '../render/renderMeshBundle';
import { loadExampleSpecInput } from '../render/__testUtils__/exampleSpecs';
import { diffFiles } from './diffFiles';
import { gitBlobSha } from './gitBlobSha';
import { planMeshPullRequest } from './planMeshPullRequest';

jest.setTimeout(120_000);

/** The example mesh grown to `count` members; `trustDomain` differs between the two sides. */
function hundredClusterMesh(count: number, trustDomain: string) {
  const input = loadExampleSpecInput('multi-primary-3-clusters');
  input.mesh.trustDomain = trustDomain;
  input.multiCluster.clusters = Array.from({ length: count }, (_, i) => ({
    name: i === 0 ? 'east-1' : `member-${i}`,
    network: i === 0 ? 'net-east' : `net-${i}`,
    role: 'primary',
    eastWestGatewayAddress:
      i === 0 ? '' : `10.0.${Math.floor(i / 250)}.${(i % 250) + 1}`,
  }));
  return parseMeshClusterSpec(input);
}

describe('the body of a mesh-wide pull request for a 100-cluster mesh', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mesh-wide-body-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("stays within GitHub's body limit, is the same every time and accounts for every member", async () => {
    // GIVEN 100 member folders as merged, and the same mesh with a new trust domain and a 101st
    // member, which changes every folder
    const before = renderMeshBundle(
      hundredClusterMesh(100, 'prod1.example.com'),
    );
    const spec = hundredClusterMesh(101, 'prod2.example.com');
    await writeBundle(renderMeshBundle(spec), dir);
    const plan = await planMeshPullRequest({
      bundleDir: dir,
      spec,
      owner: 'group:default/platform-team',
    });
    const merged = before.files.filter(f => f.path.startsWith('clusters/'));
    const changes = diffFiles(
      new Map(merged.map(f => [f.path, gitBlobSha(f.content)])),
      plan.files,
    );
    const previous = new Map(merged.map(f => [f.path, f.content]));

    // WHEN the body is written twice
    const bodyOnce = () => plan.content('main', [], { changes, previous }).body;
    const body = bodyOnce();

    // THEN it is within 65,536 characters and identical
    expect(body.length).toBeLessThanOrEqual(65_536);
    expect(bodyOnce()).toBe(body);
    // AND it opens with the first members in full, each under its own heading
    expect(body).toContain('#### Cluster `east-1` (`clusters/east-1/`)');
    expect(body).toContain(
      '- `mesh.trustDomain`: `prod1.example.com` → `prod2.example.com`',
    );
    // AND every other changed member is counted on one line or in the closing count
    const shown = [...body.matchAll(/^#### Cluster `([^`]+)`/gm)].map(
      m => m[1],
    );
    const brief = [...body.matchAll(/^- `([^`]+)`: \d+ /gm)].map(m => m[1]);
    const more = Number(
      /… and (\d+) more clusters change/.exec(body)?.[1] ?? 0,
    );
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.length + brief.length + more).toBe(101);
    expect(new Set([...shown, ...brief]).size).toBe(
      shown.length + brief.length,
    );
    // AND the members list names all 101
    expect(body.match(/^- `[^`]+` → `clusters\//gm)).toHaveLength(101);
    expect(plan.title).toBe(
      'Istio 1.30.3 mesh prod-mesh: clusters east-1, member-1, member-2, member-3, member-4 and 96 more',
    );
  });
});

describe("the caller's notes in a mesh-wide pull request body", () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mesh-wide-notes-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('lists them, escaped, between the facts and the members, and leaves the section out without them', async () => {
    // GIVEN the example 3-cluster mesh rendered into the workspace
    const spec = parseMeshClusterSpec(
      loadExampleSpecInput('multi-primary-3-clusters'),
    );
    await writeBundle(renderMeshBundle(spec), dir);
    const bodyWith = async (notes?: string[]) =>
      (
        await planMeshPullRequest({
          bundleDir: dir,
          spec,
          owner: 'group:default/platform-team',
          notes,
        })
      ).content('main').body;

    // WHEN the change carries an upgrade stage's notes, one with a line break and a link
    const body = await bodyWith([
      'istiod 1-31-0 (1.31.0) runs beside 1-30-3; no namespace moves',
      'see\n# [this](https://evil.example/)',
    ]);

    // THEN they are one list after the facts, each note on its own line
    expect(body).toContain(
      [
        '- Deployed by: `argocd`',
        '',
        '### Notes for the reviewer',
        '',
        '- istiod 1-31-0 \\(1.31.0\\) runs beside 1-30-3; no namespace moves',
        '- see \\# \\[this\\]\\(https://evil.example/\\)',
        '',
        '### Members',
      ].join('\n'),
    );
    // AND without notes there is no such section
    expect(await bodyWith()).not.toContain('Notes for the reviewer');
    expect(await bodyWith([])).not.toContain('Notes for the reviewer');
  });
});
