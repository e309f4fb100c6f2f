import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import {
  MeshClusterSpec,
  parseMeshClusterSpec,
} from '@mesh-templates/plugin-mesh-common';

/** The repository's example specs folder (read at test time, never copied). */
export const EXAMPLE_SPECS_DIR = path.resolve(
  __dirname,
  '../../../../../examples/specs',
);

/** Every example spec, parsed, by file name without `.yaml`. */
export function loadExampleSpecs(): Array<{
  name: string;
  spec: MeshClusterSpec;
}> {
  return fs
    .readdirSync(EXAMPLE_SPECS_DIR)
    .filter(file => file.endsWith('.yaml'))
    .sort()
    .map(file => ({
      name: file.replace(/\.yaml$/, ''),
      spec: parseMeshClusterSpec(
        parse(fs.readFileSync(path.join(EXAMPLE_SPECS_DIR, file), 'utf8')),
      ),
    }));
}

/** One example spec by name, e.g. `seed-001-rke2-otel-tempo`. */
export function loadExampleSpec(name: string): MeshClusterSpec {
  const found = loadExampleSpecs().find(example => example.name === name);
  if (!found) {
    throw new Error(`no example spec ${name}`);
  }
  return found.spec;
}

/** An example spec as written (before parsing), to derive variants from. */
export function loadExampleSpecInput(name: string): Record<string, any> {
  return parse(
    fs.readFileSync(path.join(EXAMPLE_SPECS_DIR, `${name}.yaml`), 'utf8'),
  );
}

/** Variants that exercise paths no example takes: Flux wiring, primary-remote, ambient, 1.2x. */
export function variantSpecs(): Array<{ name: string; spec: MeshClusterSpec }> {
  const flux = loadExampleSpecInput('seed-001-rke2-otel-tempo');
  flux.gitops = {
    engine: 'flux',
    repoUrl: 'https://git.example.com/platform/mesh.git',
  };
  const primaryRemote = loadExampleSpecInput('multi-primary-3-clusters');
  primaryRemote.multiCluster = {
    model: 'primary-remote',
    clusters: [
      {
        name: 'east-1',
        network: 'net-east',
        role: 'primary',
        eastWestGatewayAddress: '203.0.113.10',
      },
      {
        name: 'west-1',
        network: 'net-west',
        role: 'remote',
        primaryClusterName: 'east-1',
      },
    ],
  };
  const primaryRemote123 = structuredClone(primaryRemote);
  primaryRemote123.istio = {
    ...primaryRemote123.istio,
    version: '1.23.6',
    revision: '1-23-6',
  };
  const ambient = {
    istio: {
      version: '1.27.9',
      dataplane: 'ambient',
      profile: 'ambient',
      injectionNamespaces: ['shop'],
    },
  };
  const ambientMulti = loadExampleSpecInput('multi-primary-3-clusters');
  ambientMulti.istio = {
    ...ambientMulti.istio,
    dataplane: 'ambient',
    profile: 'ambient',
  };
  return [
    { name: 'flux-seed-001', spec: parseMeshClusterSpec(flux) },
    {
      name: 'ambient-multi-primary-1-30',
      spec: parseMeshClusterSpec(ambientMulti),
    },
    { name: 'primary-remote-1-30', spec: parseMeshClusterSpec(primaryRemote) },
    {
      name: 'primary-remote-1-23',
      spec: parseMeshClusterSpec(primaryRemote123),
    },
    { name: 'ambient-1-27', spec: parseMeshClusterSpec(ambient) },
  ];
}
