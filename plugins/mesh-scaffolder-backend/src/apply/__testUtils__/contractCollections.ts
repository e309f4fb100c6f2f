import { StoredObject } from './contractApply';
import { jsonClone } from './contractFieldPaths';
import { BUILTIN_KINDS, groupVersionOf, ServedKind } from './contractKinds';
import { statusError, StatusBody } from './contractStatus';

/** One requirement of a label selector: `k=v` / `k==v`, `k!=v`, `k` (exists) or `!k`. */
type Requirement =
  | { key: string; op: 'equals' | 'notEquals'; value: string }
  | { key: string; op: 'exists' | 'notExists' };

/** A qualified label key or a label value, as the API server validates them. */
const LABEL_KEY =
  /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9])?$/;

function parseRequirement(term: string): Requirement | string {
  if (/\s(in|notin)\s*\(/.test(term) || term.includes('(')) {
    return 'set-based requirements (in, notin) are not implemented by the contract server';
  }
  const match = /^(!?)([^!=]+?)\s*(?:(==|=|!=)\s*(.*))?$/.exec(term.trim());
  if (!match) {
    return `unable to parse requirement: ${term}`;
  }
  const [, not, key, operator, value] = match;
  if (!LABEL_KEY.test(key)) {
    return `unable to parse requirement: invalid label key "${key}"`;
  }
  if (!operator) {
    return { key, op: not ? 'notExists' : 'exists' };
  }
  if (not || !LABEL_VALUE.test(value)) {
    return `unable to parse requirement: invalid label value: "${value}"`;
  }
  return { key, op: operator === '!=' ? 'notEquals' : 'equals', value };
}

/**
 * Equality-based label selectors as the API server reads them (`k=v,k2!=v2,k3,!k4`); a set-based
 * one (`k in (a,b)`) is answered 400, which a real server would accept.
 */
export function parseLabelSelector(
  selector: string | null,
): Requirement[] | StatusBody {
  const requirements: Requirement[] = [];
  for (const term of (selector ?? '').split(',').filter(t => t.trim())) {
    const parsed = parseRequirement(term);
    if (typeof parsed === 'string') {
      return statusError(400, 'BadRequest', parsed);
    }
    requirements.push(parsed);
  }
  return requirements;
}

function matches(
  labels: Record<string, string> | undefined,
  requirements: Requirement[],
): boolean {
  return requirements.every(r => {
    const value = labels?.[r.key];
    switch (r.op) {
      case 'equals':
        return value === r.value;
      case 'notEquals':
        return value !== r.value;
      case 'exists':
        return value !== undefined;
      default:
        return value === undefined;
    }
  });
}

/**
 * A `<Kind>List` of the stored objects of one kind, in one namespace or all, that match the
 * selector. Built-in kinds' items leave out apiVersion and kind, as the API server's typed lists do;
 * custom resources' keep them.
 */
export function listAnswer(
  served: ServedKind,
  stored: StoredObject[],
  namespace: string | undefined,
  requirements: Requirement[],
  resourceVersion: number,
): Record<string, unknown> {
  const builtin = BUILTIN_KINDS.includes(served);
  const items = stored
    .filter(
      s =>
        s.served === served &&
        (namespace === undefined ||
          s.object.metadata.namespace === namespace) &&
        matches(s.object.metadata.labels, requirements),
    )
    .map(s => {
      const { apiVersion: _a, kind: _k, ...rest } = jsonClone(s.object);
      return builtin ? rest : jsonClone(s.object);
    });
  return {
    kind: `${served.kind}List`,
    apiVersion: groupVersionOf(served),
    metadata: { resourceVersion: String(resourceVersion) },
    items,
  };
}

const PROPAGATION_POLICIES = ['Orphan', 'Background', 'Foreground'];

/** The 400 a real server answers for DELETE options it does not accept, or undefined. */
export function invalidDeleteOptions(
  query: URLSearchParams,
): StatusBody | undefined {
  const dryRun = query.get('dryRun');
  if (dryRun !== null && dryRun !== 'All') {
    return statusError(
      400,
      'BadRequest',
      `Invalid dry run value: ${dryRun}; only "All" is supported`,
    );
  }
  const policy = query.get('propagationPolicy');
  if (policy !== null && !PROPAGATION_POLICIES.includes(policy)) {
    return statusError(
      422,
      'Invalid',
      `DeleteOptions.meta.k8s.io "" is invalid: propagationPolicy: Unsupported value: "${policy}": supported values: "${PROPAGATION_POLICIES.join(
        '", "',
      )}"`,
    );
  }
  return undefined;
}

/**
 * What a DELETE of a stored object does, as the API server's generic store does it: an object with
 * finalizers only gets its deletionTimestamp and stays until its controllers remove them (answer:
 * the object); one without is removed at once (answer: the object for custom resources, a
 * `Status` of Success for built-in kinds). `next` is the object to keep, undefined when it is gone.
 */
export function deleteOutcome(
  stored: StoredObject,
  now: Date,
): { next?: StoredObject; answer: unknown } {
  const { object, served } = stored;
  if ((object.metadata.finalizers ?? []).length > 0) {
    const next: StoredObject = { ...stored, object: jsonClone(object) };
    next.object.metadata.deletionTimestamp ??= now
      .toISOString()
      .replace(/\.\d+Z$/, 'Z');
    next.object.metadata.deletionGracePeriodSeconds ??= 0;
    return { next, answer: next.object };
  }
  return {
    answer: !BUILTIN_KINDS.includes(served)
      ? jsonClone(object)
      : {
          kind: 'Status',
          apiVersion: 'v1',
          metadata: {},
          status: 'Success',
          details: {
            name: object.metadata.name,
            group: served.group,
            kind: served.plural,
            uid: object.metadata.uid,
          },
        },
  };
}
