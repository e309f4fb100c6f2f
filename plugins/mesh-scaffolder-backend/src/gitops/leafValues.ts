/**
 * A document as its leaf field paths (`a.b[0].c`) and values, so two versions of it can be
 * compared field by field. A list of scalars is one leaf (`[shop, payments]`): a reviewer reads a
 * changed list as one change, not as shifted indices.
 */
export function leafValues(value: unknown, prefix = ''): Map<string, string> {
  const leaves = new Map<string, string>();
  const visit = (node: unknown, path: string) => {
    if (Array.isArray(node) && node.some(isCollection)) {
      node.forEach((item, i) => visit(item, `${path}[${i}]`));
    } else if (isCollection(node) && !Array.isArray(node)) {
      const keys = Object.keys(node).sort();
      if (keys.length === 0) leaves.set(path, '{}');
      for (const key of keys) {
        visit(
          (node as Record<string, unknown>)[key],
          path ? `${path}.${key}` : key,
        );
      }
    } else {
      leaves.set(path, scalarText(node));
    }
  };
  visit(value, prefix);
  return leaves;
}

function isCollection(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}

function scalarText(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(scalarText).join(', ')}]`;
  if (typeof value === 'string') return value === '' ? '""' : value;
  return String(value);
}

/** The paths whose value differs between two leaf maps, sorted, with both values (absent: undefined). */
export function changedLeaves(
  before: Map<string, string>,
  after: Map<string, string>,
): Array<{ path: string; before?: string; after?: string }> {
  const paths = [...new Set([...before.keys(), ...after.keys()])].sort();
  return paths
    .filter(p => before.get(p) !== after.get(p))
    .map(p => ({ path: p, before: before.get(p), after: after.get(p) }));
}
