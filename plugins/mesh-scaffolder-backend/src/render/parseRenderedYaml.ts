import jsyaml from 'js-yaml';
import { CST, Lexer } from 'yaml';

const refusedTokens: Record<string, string> = {
  alias: 'an alias',
  anchor: 'an anchor',
  tag: 'a tag',
};

/**
 * Parses the output of one template into plain data, refusing anything a parameter could have
 * smuggled in: parse errors, duplicate keys, anchors, aliases and explicit tags. Templates never
 * write those themselves, so their presence means a value escaped its scalar.
 *
 * Anchors, aliases and tags are found by lexing (a quoted scalar is one token, so text inside it
 * cannot trip this); values are built by js-yaml with the core schema (no `<<` merge keys, no
 * timestamps), which throws on duplicate keys and is about ten times faster than composing a
 * full document tree — this parse runs for every template of every cluster.
 */
export function parseRenderedYaml(text: string, source: string): unknown[] {
  for (const token of new Lexer().lex(text)) {
    const refused = refusedTokens[CST.tokenType(token) ?? ''];
    if (refused) {
      throw new Error(`${source}: rendered YAML contains ${refused}`);
    }
  }
  const values: unknown[] = [];
  try {
    jsyaml.loadAll(
      text,
      value => {
        if (value !== null && value !== undefined) values.push(value);
      },
      { schema: jsyaml.CORE_SCHEMA, filename: source },
    );
  } catch (error) {
    const reason =
      (error as { reason?: string }).reason ?? (error as Error).message;
    throw new Error(`${source}: rendered YAML does not parse: ${reason}`);
  }
  return values;
}
