import {
  MeshClusterSpec,
  MeshSpecError,
  parseMeshClusterSpec,
  readMeshClusterDocument,
} from '@mesh-templates/plugin-mesh-common';
import fs from 'node:fs/promises';
import yaml from 'yaml';

/** A spec file read for the CLI: the spec, or one line per problem naming the file and field. */
export type SpecFileResult =
  | { spec: MeshClusterSpec; problems?: undefined }
  | { spec?: undefined; problems: string[] };

function isVersionedDocument(value: unknown): boolean {
  return typeof value === 'object' && value !== null && 'apiVersion' in value;
}

/**
 * Reads a spec file in either form the CLI accepts: a `MeshCluster` document (what render writes
 * into each cluster folder, of any version ever written) or a bare `MeshClusterSpec` (what people
 * write by hand, defaults left out).
 */
export async function readSpecFile(file: string): Promise<SpecFileResult> {
  let input: unknown;
  try {
    input = yaml.parse(await fs.readFile(file, 'utf8'), { uniqueKeys: true });
  } catch (error) {
    const reason = (error as Error).message.split('\n')[0];
    return { problems: [`${file}: cannot read the spec: ${reason}`] };
  }
  try {
    return {
      spec: isVersionedDocument(input)
        ? readMeshClusterDocument(input)
        : parseMeshClusterSpec(input),
    };
  } catch (error) {
    if (!(error instanceof MeshSpecError)) throw error;
    return {
      problems: error.issues.map(
        issue => `${file}: ${issue.path}: ${issue.message}`,
      ),
    };
  }
}
