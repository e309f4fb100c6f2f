import { groupVersionOf, ServedKind } from './contractKinds';
import { statusError, StatusBody } from './contractStatus';

const DNS1123_SUBDOMAIN =
  /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

interface Cause {
  reason: 'FieldValueRequired' | 'FieldValueInvalid';
  message: string;
  field: string;
}

/**
 * The request-level checks (400) and the field validation (422) a real API server applies to an
 * apply body, for the fields a mesh bundle uses: identity matching the URL, name formats, label
 * values, Deployment selectors, Service ports and CRD names.
 */
export function validateApplyBody(
  served: ServedKind,
  urlName: string,
  urlNamespace: string | undefined,
  body: any,
): StatusBody | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return statusError(
      400,
      'BadRequest',
      'the body of the request was not a YAML or JSON object',
    );
  }
  if (!body.apiVersion || !body.kind) {
    return statusError(
      400,
      'BadRequest',
      `Object 'Kind' is missing in '${JSON.stringify(body).slice(0, 200)}'`,
    );
  }
  const expected = groupVersionOf(served);
  if (body.apiVersion !== expected) {
    return statusError(
      400,
      'BadRequest',
      `the API version in the data (${body.apiVersion}) does not match the expected API version (${expected})`,
    );
  }
  if (body.kind !== served.kind) {
    return statusError(
      400,
      'BadRequest',
      `the kind in the data (${body.kind}) does not match the expected kind (${served.kind})`,
    );
  }
  const metadata = body.metadata ?? {};
  if (metadata.name !== undefined && metadata.name !== urlName) {
    return statusError(
      400,
      'BadRequest',
      `the name of the object (${metadata.name}) does not match the name on the URL (${urlName})`,
    );
  }
  if (
    served.namespaced &&
    metadata.namespace !== undefined &&
    metadata.namespace !== urlNamespace
  ) {
    return statusError(
      400,
      'BadRequest',
      'the namespace of the provided object does not match the namespace sent on the request',
    );
  }

  const causes: Cause[] = [];
  const invalid = (field: string, value: unknown, message: string) =>
    causes.push({
      reason: 'FieldValueInvalid',
      field,
      message: `Invalid value: ${JSON.stringify(value)}: ${message}`,
    });
  const required = (field: string) =>
    causes.push({
      reason: 'FieldValueRequired',
      field,
      message: 'Required value',
    });

  if (!metadata.name) {
    required('metadata.name');
  } else if (
    served.kind === 'Namespace'
      ? !DNS1123_LABEL.test(metadata.name)
      : !DNS1123_SUBDOMAIN.test(metadata.name) || metadata.name.length > 253
  ) {
    invalid(
      'metadata.name',
      metadata.name,
      "a lowercase RFC 1123 name must consist of lower case alphanumeric characters, '-' or '.'",
    );
  }
  for (const [key, value] of Object.entries(metadata.labels ?? {})) {
    if (
      typeof value !== 'string' ||
      value.length > 63 ||
      !LABEL_VALUE.test(value)
    ) {
      invalid(
        `metadata.labels`,
        value,
        `a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.' (label ${key})`,
      );
    }
  }
  if (served.group === 'apps' && served.kind === 'Deployment') {
    const selector = body.spec?.selector?.matchLabels;
    if (!selector) {
      required('spec.selector');
    } else {
      const labels = body.spec?.template?.metadata?.labels ?? {};
      if (Object.entries(selector).some(([k, v]) => labels[k] !== v)) {
        invalid(
          'spec.template.metadata.labels',
          labels,
          '`selector` does not match template `labels`',
        );
      }
    }
    if (
      !Array.isArray(body.spec?.template?.spec?.containers) ||
      body.spec.template.spec.containers.length === 0
    ) {
      required('spec.template.spec.containers');
    }
  }
  if (served.group === '' && served.kind === 'Service') {
    (body.spec?.ports ?? []).forEach((port: any, i: number) => {
      if (!Number.isInteger(port?.port) || port.port < 1 || port.port > 65535) {
        invalid(
          `spec.ports[${i}].port`,
          port?.port,
          'must be between 1 and 65535, inclusive',
        );
      }
    });
  }
  if (served.kind === 'CustomResourceDefinition') {
    const names = body.spec?.names ?? {};
    const expectedName = `${names.plural}.${body.spec?.group}`;
    if (metadata.name !== expectedName) {
      invalid(
        'metadata.name',
        metadata.name,
        `must be spec.names.plural+"."+spec.group`,
      );
    }
  }
  if (causes.length === 0) {
    return undefined;
  }
  const group = served.group ? `.${served.group}` : '';
  return statusError(
    422,
    'Invalid',
    `${served.kind}${group} "${metadata.name ?? ''}" is invalid: ${causes
      .map(c => `${c.field}: ${c.message}`)
      .join(', ')}`,
    { name: metadata.name, group: served.group, kind: served.kind, causes },
  );
}
