import { InputError } from '@backstage/errors';
import {
  MeshClusterSpec,
  MeshSpecError,
  parseMeshClusterSpec,
} from '@mesh-templates/plugin-mesh-common';

/**
 * Parses an action's `spec` input. The scaffolder checks inputs against a JSON schema converted
 * from zod 3, which cannot carry MeshClusterSpec's cross-field rules; the full check happens here
 * and its errors name the field, as InputError so the task shows them as the user's to fix.
 */
export function parseSpecInput(input: unknown): MeshClusterSpec {
  try {
    return parseMeshClusterSpec(input);
  } catch (error) {
    if (error instanceof MeshSpecError) {
      throw new InputError(`Invalid mesh cluster spec:\n${error.message}`);
    }
    throw error;
  }
}
