import { parseMeshClusterSpec } from '@mesh-templates/plugin-mesh-common';
import fs from 'node:fs';
import path from 'node:path';
import yaml from 'yaml';
import { renderMeshBundle } from '../../render/renderMeshBundle';
import { validateBundle } from '../validateBundle';

const seedSpec = path.resolve(
  __dirname,
  '../../../../../examples/specs/seed-001-rke2-otel-tempo.yaml',
);

function renderWithRevision(revision: string) {
  const raw = yaml.parse(fs.readFileSync(seedSpec, 'utf8'));
  raw.istio.revision = revision;
  return renderMeshBundle(parseMeshClusterSpec(raw));
}

describe('helmReleaseNames', () => {
  it("refuses an istiod release name longer than Helm's 53 characters, naming the values file and field", () => {
    // GIVEN a revision that is a valid DNS label (47 characters) but makes istiod-<revision> 54 long
    const revision = `r${'x'.repeat(46)}`;
    const bundle = renderWithRevision(revision);

    // WHEN the bundle is validated
    const problems = validateBundle(bundle).filter(p =>
      p.message.startsWith('Helm release name'),
    );

    // THEN the istiod release is named with its length and the limit
    expect(problems).toEqual([
      expect.objectContaining({
        subject: 'values:istiod',
        path: 'release',
        message: `Helm release name "istiod-${revision}" has 54 characters; Helm allows at most 53 (shorten istio.revision or the gateway's name)`,
      }),
    ]);
  });

  it('accepts a release name of exactly 53 characters', () => {
    const bundle = renderWithRevision(`r${'x'.repeat(45)}`);
    expect(
      validateBundle(bundle).filter(p =>
        p.message.startsWith('Helm release name'),
      ),
    ).toEqual([]);
  });
});
