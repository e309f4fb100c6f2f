import { InputError } from '@backstage/errors';
import { z } from 'zod';
import { BUNDLE_COMPONENTS, BundleIndexEntry } from './meshBundle';

/** File name of the machine-readable index at the bundle root. */
export const BUNDLE_INDEX_FILE = 'bundle-index.json';

/** A path the index may name: relative to the bundle root, `/`-separated, never leaving it. */
const bundlePath = z
  .string()
  .min(1)
  .refine(
    file =>
      !file.startsWith('/') &&
      !file.includes('\\') &&
      file.split('/').every(s => s !== '' && s !== '.' && s !== '..'),
    'must be a relative path inside the bundle folder ("/"-separated, no "..", "." or empty segments)',
  );

const name = z.string().min(1);

const objectRowSchema: z.ZodType<BundleIndexEntry> = z.object({
  cluster: name,
  component: z.enum(BUNDLE_COMPONENTS),
  file: bundlePath,
  apiVersion: name,
  kind: name,
  name,
  namespace: name.optional(),
});

const helmReleaseRowSchema = z.object({
  cluster: name,
  component: z.enum(BUNDLE_COMPONENTS),
  release: name,
  chart: name,
  /** URL of the chart repository the release installs from. */
  repository: name,
  version: name,
  namespace: name,
  /** The release's values file, relative to the bundle root. */
  valuesFile: bundlePath,
});

/** One Helm release of a cluster: what is installed from where, and with which values file. */
export type BundleHelmRelease = z.infer<typeof helmReleaseRowSchema>;

/** The whole of `bundle-index.json`. */
export const bundleIndexSchema = z.object({
  clusters: z.array(name),
  objects: z.array(objectRowSchema),
  helmReleases: z.array(helmReleaseRowSchema),
});

export type BundleIndex = z.infer<typeof bundleIndexSchema>;

/** The bytes of `bundle-index.json`: stable key order, two-space indent, final newline. */
export function serializeBundleIndex(index: BundleIndex): string {
  return `${JSON.stringify(index, null, 2)}\n`;
}

/** A hand-edited index can be wrong everywhere; the first few problems say enough. */
const maxListedProblems = 10;

function fieldPath(path: PropertyKey[]): string {
  return path
    .map((key, i) =>
      typeof key === 'number'
        ? `[${key}]`
        : `${i === 0 ? '' : '.'}${String(key)}`,
    )
    .join('');
}

/**
 * Parses `bundle-index.json`.
 *
 * @throws InputError naming the field path of each part that does not fit the schema
 */
export function parseBundleIndex(text: string): BundleIndex {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new InputError(
      `${BUNDLE_INDEX_FILE} is not valid JSON: ${(error as Error).message}`,
    );
  }
  const result = bundleIndexSchema.safeParse(json);
  if (!result.success) {
    const { issues } = result.error;
    const problems = issues
      .slice(0, maxListedProblems)
      .map(issue => `${fieldPath(issue.path) || '(root)'}: ${issue.message}`);
    if (issues.length > maxListedProblems) {
      problems.push(`and ${issues.length - maxListedProblems} more`);
    }
    throw new InputError(
      `${BUNDLE_INDEX_FILE} does not match the bundle index format (re-render the bundle): ${problems.join(
        '; ',
      )}`,
    );
  }
  return result.data;
}
