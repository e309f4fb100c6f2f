import { z } from 'zod';
import { checkCrossFieldRules } from './crossFieldRules';
import { withDerivedDefaults } from './derivedDefaults';
import { meshClusterSpecFieldsSchema } from './meshClusterSpecFields';

/**
 * The typed contract every renderer reads: a Backstage form's values (or a YAML file) in, a
 * complete spec out. Field formats and defaults come first, then derived defaults, then the rules
 * that span sections, so those rules see exactly what renderers will see.
 */
export const meshClusterSpecSchema = meshClusterSpecFieldsSchema
  .transform(withDerivedDefaults)
  .superRefine(checkCrossFieldRules);

/** A complete, validated spec with every default filled in. */
export type MeshClusterSpec = z.output<typeof meshClusterSpecSchema>;

/** What users may write: every field optional, defaults filled by parsing. */
export type MeshClusterSpecInput = z.input<typeof meshClusterSpecSchema>;
