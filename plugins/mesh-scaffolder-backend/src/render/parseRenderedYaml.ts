import { isAlias, isNode, parseAllDocuments, visit } from 'yaml';

/**
 * Parses the output of one template into plain data, refusing anything a parameter could have
 * smuggled in: parse errors, duplicate keys, anchors, aliases and explicit tags. Templates never
 * write those themselves, so their presence means a value escaped its scalar.
 */
export function parseRenderedYaml(text: string, source: string): unknown[] {
  const documents = parseAllDocuments(text, {
    uniqueKeys: true,
    strict: true,
    prettyErrors: false,
  });
  const list = Array.isArray(documents) ? documents : [documents];
  const values: unknown[] = [];
  for (const document of list) {
    const [error] = document.errors;
    if (error) {
      throw new Error(`${source}: rendered YAML does not parse: ${error.message}`);
    }
    visit(document, {
      Node(_key, node) {
        if (isAlias(node)) {
          throw new Error(`${source}: rendered YAML contains an alias`);
        }
        if (isNode(node) && node.anchor) {
          throw new Error(`${source}: rendered YAML contains an anchor`);
        }
        if (isNode(node) && node.tag) {
          throw new Error(`${source}: rendered YAML contains a tag (${node.tag})`);
        }
      },
    });
    const value = document.toJS({ maxAliasCount: 0 });
    if (value !== null && value !== undefined) {
      values.push(value);
    }
  }
  return values;
}
