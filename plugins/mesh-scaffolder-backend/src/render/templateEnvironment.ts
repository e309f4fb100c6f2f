import { resolvePackagePath } from '@backstage/backend-plugin-api';
import nunjucks from 'nunjucks';
import { yamlValue } from './yamlValue';

let environment: nunjucks.Environment | undefined;

/** Folder of the nunjucks template packs shipped with the package. */
export function templatePackRoot(): string {
  return resolvePackagePath(
    '@mesh-templates/plugin-scaffolder-backend-module-mesh',
    'src/templates',
  );
}

/**
 * The nunjucks environment of the template packs, created once: compiled templates are cached by
 * the loader for the life of the process. Autoescape is off because its HTML escaping means
 * nothing in YAML; every parameter goes through `yamlValue` instead. `throwOnUndefined` turns a
 * misspelt variable into an error instead of an empty string in a manifest.
 */
export function templateEnvironment(): nunjucks.Environment {
  if (!environment) {
    const loader = new nunjucks.FileSystemLoader(templatePackRoot(), {
      noCache: false,
      watch: false,
    });
    environment = new nunjucks.Environment(loader, {
      autoescape: false,
      throwOnUndefined: true,
      trimBlocks: true,
      lstripBlocks: true,
    });
    environment.addFilter('yamlValue', yamlValue);
  }
  return environment;
}

/** Renders one template of a pack with the given data. */
export function renderTemplate(
  template: string,
  data: Record<string, unknown>,
): string {
  return templateEnvironment().render(template, data);
}
