import type { KubernetesObject } from '../bundle/meshBundle';
import type { ClusterRenderContext } from './clusterRenderContext';
import { parseRenderedYaml } from './parseRenderedYaml';
import { renderTemplate } from './templateEnvironment';
import type {
  DeclaredObject,
  HelmValuesOutput,
  ObjectsOutput,
} from './templatePack';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function objectKey(object: DeclaredObject): string {
  return `${object.kind}/${object.namespace ?? ''}/${object.name}`;
}

function asKubernetesObject(value: unknown, source: string): KubernetesObject {
  const metadata = isRecord(value) ? value.metadata : undefined;
  if (
    !isRecord(value) ||
    typeof value.apiVersion !== 'string' ||
    typeof value.kind !== 'string' ||
    !isRecord(metadata) ||
    typeof metadata.name !== 'string'
  ) {
    throw new Error(
      `${source}: a rendered document is not a Kubernetes object`,
    );
  }
  return value as KubernetesObject;
}

function render(
  template: string,
  context: ClusterRenderContext,
  data?: Record<string, unknown>,
) {
  return renderTemplate(template, { ...context, ...data });
}

/**
 * Renders a template that produces objects and checks that it produced exactly the declared ones:
 * a parameter that added, dropped, renamed or moved an object makes the render fail.
 */
export function renderObjectsOutput(
  output: ObjectsOutput,
  context: ClusterRenderContext,
): KubernetesObject[] {
  const source = output.template;
  const objects = parseRenderedYaml(
    render(source, context, output.data),
    source,
  ).map(value => asKubernetesObject(value, source));
  const rendered = objects
    .map(o =>
      objectKey({
        kind: o.kind,
        name: o.metadata.name,
        namespace: o.metadata.namespace,
      }),
    )
    .sort();
  const declared = output.expects.map(objectKey).sort();
  if (rendered.join('\n') !== declared.join('\n')) {
    throw new Error(
      `${source}: rendered objects [${rendered.join(
        ', ',
      )}] differ from the pack's declaration [${declared.join(', ')}]`,
    );
  }
  return objects;
}

/** Renders a Helm values template; it must yield exactly one mapping. */
export function renderHelmValuesOutput(
  output: HelmValuesOutput,
  context: ClusterRenderContext,
): Record<string, unknown> {
  const source = output.template;
  const documents = parseRenderedYaml(
    render(source, context, output.data),
    source,
  );
  if (documents.length !== 1 || !isRecord(documents[0])) {
    throw new Error(
      `${source}: Helm values must render as exactly one mapping`,
    );
  }
  return documents[0];
}
