/**
 * The one way a parameter reaches rendered YAML: as a JSON document. JSON is a subset of YAML's
 * flow syntax, so a string with newlines, `---`, `{{ }}`, `&anchor`, `!tag`, quotes or any unicode
 * stays one double-quoted scalar, and a map or list stays one flow collection, in the field the
 * template put it in.
 */
export function yamlValue(value: unknown): string {
  if (value === undefined) {
    // throwOnUndefined does not cover filter arguments; an undefined here is a template bug.
    throw new Error('yamlValue: value is undefined');
  }
  const json = JSON.stringify(value);
  if (json === undefined) {
    throw new Error(`yamlValue: cannot encode a ${typeof value}`);
  }
  // U+2028/U+2029 are legal in JSON strings but are line breaks to some YAML readers.
  return json.replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}
