import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import {
  MeshClusterSpec,
  parseMeshClusterSpec,
} from '@mesh-templates/plugin-mesh-common';

/** The repository's example specs folder (read at test time, never copied). */
export const EXAMPLE_SPECS_DIR = path.resolve(__dirname, '../../../../../examples/specs');

/** Every example spec, parsed, by file name without `.yaml`. */
export function loadExampleSpecs(): Array<{ name: string; spec: MeshClusterSpec }> {
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
