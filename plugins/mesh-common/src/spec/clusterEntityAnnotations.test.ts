import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { clusterEntityAnnotations } from './clusterEntityAnnotations';
import { parseMeshClusterSpec } from './parseMeshClusterSpec';

const specsDir = path.resolve(__dirname, '../../../../examples/specs');
const example = (name: string) =>
  parseMeshClusterSpec(
    parse(fs.readFileSync(path.join(specsDir, `${name}.yaml`), 'utf8')),
  );

describe('clusterEntityAnnotations', () => {
  it('states the spec of a member of a multi-primary mesh', () => {
    // GIVEN the 3-cluster example WHEN annotating its own cluster and a peer THEN each gets its network
    const spec = example('multi-primary-3-clusters');
    expect(clusterEntityAnnotations(spec)).toEqual({
      'mesh.backstage.io/istio-version': '1.30.3',
      'mesh.backstage.io/istio-revision': '1-30-3',
      'mesh.backstage.io/multi-cluster-model': 'multi-primary',
      'mesh.backstage.io/cluster-role': 'primary',
      'mesh.backstage.io/mesh-id': 'prod-mesh',
      'mesh.backstage.io/network': 'net-east',
      'mesh.backstage.io/spec-location': './mesh-cluster.yaml',
    });
    expect(
      clusterEntityAnnotations(spec, 'west-1')['mesh.backstage.io/network'],
    ).toBe('net-west');
  });

  it('names the default revision and the single model of a one-cluster mesh', () => {
    const annotations = clusterEntityAnnotations(
      example('seed-001-rke2-otel-tempo'),
    );
    expect(annotations['mesh.backstage.io/istio-revision']).toBe('default');
    expect(annotations['mesh.backstage.io/multi-cluster-model']).toBe('single');
  });
});
