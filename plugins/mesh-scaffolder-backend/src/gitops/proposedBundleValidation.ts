import { InputError } from '@backstage/errors';
import { formatBundleProblem } from '../bundle/formatBundleProblem';
import { readBundle } from '../bundle/readBundle';
import { validateBundle } from '../validate/validateBundle';
import type { ValidationInput } from './validationSection';

/** How many problems the refusal lists before it only counts the rest. */
const maxProblemsInError = 50;

/**
 * Validates the bundle a change proposes with the check `mesh:bundle:validate` runs, on the same
 * folder, so the body can state the result as the product's own and never a caller's claim. A
 * bundle with problems is refused, naming each object and field, before any host is contacted:
 * a reviewer should never be asked to merge what the product knows is broken.
 */
export async function validateProposedBundle(
  bundleDir: string,
): Promise<ValidationInput> {
  const problems = validateBundle(await readBundle(bundleDir));
  if (problems.length === 0) {
    return { problems };
  }
  const lines = problems.slice(0, maxProblemsInError).map(formatBundleProblem);
  if (problems.length > lines.length) {
    lines.push(`… and ${problems.length - lines.length} more`);
  }
  throw new InputError(
    `sourcePath: the bundle fails validation with ${
      problems.length
    } problem(s), so nothing is proposed; fix the spec and render again:\n${lines.join(
      '\n',
    )}`,
  );
}
