import { createMockDirectory } from '@backstage/backend-test-utils';
import fs from 'node:fs';
import path from 'node:path';
import yaml from 'yaml';
import { BUNDLE_INDEX_FILE } from '../bundle/bundleIndex';
import { runMeshBundle as meshBundle } from './__testUtils__/runMeshBundle';

const specsDir = path.resolve(__dirname, '../../../../examples/specs');
const seedSpecs = fs
  .readdirSync(specsDir)
  .filter(f => f.endsWith('.yaml'))
  .sort();

jest.setTimeout(60_000);

describe('mesh-bundle CLI', () => {
  const dir = createMockDirectory();
  beforeEach(() => dir.clear());

  it.each(seedSpecs)('renders and then validates %s', async specFile => {
    const out = path.join(dir.path, 'out');

    const rendered = await meshBundle(
      'render',
      '--spec',
      path.join(specsDir, specFile),
      '--out',
      out,
    );
    expect(rendered.stderr).toBe('');
    expect(rendered.code).toBe(0);
    expect(rendered.stdout).toMatch(/^Wrote \d+ files to /);
    expect(fs.existsSync(path.join(out, BUNDLE_INDEX_FILE))).toBe(true);

    const validated = await meshBundle('validate', out);
    expect(validated.stderr).toBe('');
    expect(validated.code).toBe(0);
    expect(validated.stdout).toMatch(/^Valid: \d+ objects/);
  });

  it('gives one line per problem naming the field for a bad spec, and writes nothing', async () => {
    // GIVEN a spec with three mistakes
    const spec = path.join(dir.path, 'bad.yaml');
    fs.writeFileSync(
      spec,
      yaml.stringify({
        cluster: { name: 'Bad_Name' },
        istio: { version: '1.9.0' },
        observability: { tracing: { samplingPercentage: -5 } },
      }),
    );
    const out = path.join(dir.path, 'out');

    // WHEN it is rendered
    const result = await meshBundle('render', '--spec', spec, '--out', out);

    // THEN the exit code is 1, each problem is on its own line naming its field, nothing is written
    expect(result.code).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines.some(l => l.startsWith(`${spec}: cluster.name: `))).toBe(true);
    expect(lines.some(l => l.startsWith(`${spec}: istio.version: `))).toBe(
      true,
    );
    expect(
      lines.some(l =>
        l.startsWith(`${spec}: observability.tracing.samplingPercentage: `),
      ),
    ).toBe(true);
    expect(fs.existsSync(out)).toBe(false);
  });

  it('reports a broken object of a written bundle with its file and field path', async () => {
    const out = path.join(dir.path, 'out');
    await meshBundle(
      'render',
      '--spec',
      path.join(specsDir, seedSpecs[0]),
      '--out',
      out,
    );
    const index = JSON.parse(
      fs.readFileSync(path.join(out, BUNDLE_INDEX_FILE), 'utf8'),
    ).objects;
    const row = index.find((r: any) => r.kind === 'Namespace');
    const file = path.join(out, row.file);
    const docs = yaml
      .parseAllDocuments(fs.readFileSync(file, 'utf8'))
      .map(d => d.toJS());
    docs.find((d: any) => d.metadata.name === row.name).spec = {
      finalizers: 'not-a-list',
    };
    fs.writeFileSync(file, docs.map(d => yaml.stringify(d)).join('---\n'));

    const result = await meshBundle('validate', out);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${row.file}: `);
    expect(result.stderr).toContain('spec.finalizers');
  });

  it('exits 2 with usage on a wrong command line', async () => {
    const result = await meshBundle('render', '--spec');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Usage:');
  });

  it('exits 1 naming the file when the spec cannot be read', async () => {
    const missing = path.join(dir.path, 'missing.yaml');
    const result = await meshBundle(
      'render',
      '--spec',
      missing,
      '--out',
      path.join(dir.path, 'o'),
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${missing}: cannot read the spec`);
  });
});
