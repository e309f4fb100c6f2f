import type { z } from 'zod';
import { objectFields, schemaAtPath } from './schemaIntrospection';

/** One problem in a spec: where it is and what is allowed there. */
export interface MeshSpecIssue {
  /** Dotted field path, list indices in brackets, e.g. `multiCluster.clusters[1].name`. */
  path: string;
  /** What is wrong and what is allowed. */
  message: string;
}

/** Thrown when a spec does not validate; `message` has one `<path>: <message>` line per issue. */
export class MeshSpecError extends Error {
  readonly issues: MeshSpecIssue[];

  constructor(issues: MeshSpecIssue[]) {
    super(issues.map(issue => `${issue.path}: ${issue.message}`).join('\n'));
    this.name = 'MeshSpecError';
    this.issues = issues;
  }
}

const SAFE_KEY = /^[A-Za-z0-9_.-]{1,64}$/;

function describeKey(key: string): string {
  // Keys in paths are raw user input (unknown fields, map keys); only echo them when they cannot break a log line.
  return SAFE_KEY.test(key) ? key : JSON.stringify(key.slice(0, 64));
}

/** Formats a zod path as `a.b[0].c`; the spec's root is `(spec)`. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  const text = path
    .map((segment, index) =>
      typeof segment === 'number'
        ? `[${segment}]`
        : `${index === 0 ? '' : '.'}${describeKey(String(segment))}`,
    )
    .join('');
  return text === '' ? '(spec)' : text;
}

function isDefaultZodMessage(message: string): boolean {
  return (
    message.startsWith('Invalid input') || message.startsWith('Invalid option')
  );
}

function messageFor(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type' && isDefaultZodMessage(issue.message)) {
    return issue.expected === 'object'
      ? 'must be an object (a map of fields)'
      : `must be of type ${issue.expected}`;
  }
  if (issue.code === 'invalid_key') {
    const keyProblem = issue.issues[0]?.message ?? 'is not allowed';
    return `key ${keyProblem}`;
  }
  if (issue.code === 'invalid_value' && isDefaultZodMessage(issue.message)) {
    return `must be one of: ${issue.values.map(String).join(', ')}`;
  }
  return issue.message;
}

/**
 * Turns zod issues into spec issues. Unknown keys get one issue each, at the key's own path, with
 * the fields allowed there, so that a typo names both the typo and the intended field.
 */
export function toMeshSpecIssues(
  error: z.ZodError,
  schema: z.ZodType,
): MeshSpecIssue[] {
  return error.issues.flatMap(issue => {
    if (issue.code === 'unrecognized_keys') {
      const container = schemaAtPath(schema, issue.path);
      const allowed = container
        ? Object.keys(objectFields(container) ?? {})
        : [];
      return issue.keys.map(key => ({
        path: formatIssuePath([...issue.path, key]),
        message: `is not a known field; allowed here: ${allowed.join(', ')}`,
      }));
    }
    return [{ path: formatIssuePath(issue.path), message: messageFor(issue) }];
  });
}
