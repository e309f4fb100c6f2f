import { z } from 'zod';
import { FormatOptions, formattedString } from './formattedString';

export type { FormatOptions } from './formattedString';

/**
 * String formats shared by every section.
 *
 * Parameters are user input that later lands in YAML, Helm values and resource names. Each string is
 * held to the narrowest character set its target accepts, so that a newline, a YAML indicator or a
 * template delimiter is rejected here, with a message naming the field, long before rendering.
 */

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
/** Matches a DNS-1123 label. */
export function isDnsLabel(value: string): boolean {
  return value.length <= 63 && DNS_LABEL.test(value);
}

/** Matches a DNS-1123 subdomain (dot-separated labels, 253 characters at most). */
export function isDnsSubdomain(value: string): boolean {
  return value.length <= 253 && value.split('.').every(isDnsLabel);
}

/** A DNS-1123 label: Kubernetes namespace and object names, Istio revisions, cluster names. */
export function dnsLabel(options?: FormatOptions) {
  return formattedString(
    63,
    isDnsLabel,
    'a DNS-1123 label: 1-63 characters of a-z, 0-9 and "-", starting and ending with a letter or digit',
    options,
  );
}

/** A DNS-1123 subdomain: host names, trust domains, Secret names. */
export function dnsSubdomain(options?: FormatOptions) {
  return formattedString(
    253,
    isDnsSubdomain,
    'a DNS-1123 subdomain: dot-separated labels of a-z, 0-9 and "-", at most 253 characters',
    options,
  );
}

/** A host name for a Gateway or Certificate; a leading `*.` wildcard is allowed. */
export function hostPattern(options?: FormatOptions) {
  return formattedString(
    253,
    value => isDnsSubdomain(value.startsWith('*.') ? value.slice(2) : value),
    'a DNS host name of a-z, 0-9, "-" and ".", optionally starting with "*." (at most 253 characters)',
    options,
  );
}

const LABEL_VALUE = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
/** Matches a non-empty Kubernetes label value. */
export function isLabelValue(value: string): boolean {
  return value.length <= 63 && LABEL_VALUE.test(value);
}

/** A Kubernetes label value (non-empty): network names, label selectors. */
export function labelValue(options?: FormatOptions) {
  return formattedString(
    63,
    isLabelValue,
    'a Kubernetes label value: 1-63 characters of A-Z, a-z, 0-9, "-", "_" and ".", starting and ending with a letter or digit',
    options,
  );
}

/** A Kubernetes label key: optional DNS subdomain prefix and "/", then a name part. */
export function labelKey() {
  return formattedString(
    317,
    value => {
      const parts = value.split('/');
      if (parts.length > 2) {
        return false;
      }
      const name = parts[parts.length - 1];
      const prefixValid = parts.length === 1 || isDnsSubdomain(parts[0]);
      return prefixValid && isLabelValue(name);
    },
    'a Kubernetes label key: an optional DNS subdomain prefix and "/", then 1-63 characters of A-Z, a-z, 0-9, "-", "_" and "."',
  );
}

const REGISTRY_HUB =
  /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*(:[0-9]{1,5})?(\/[a-z0-9]+([._-][a-z0-9]+)*)*$/;

/** A container registry hub (`host[:port]/path`) that holds mirrored Istio images. */
export function containerRegistryHub(options?: FormatOptions) {
  return formattedString(
    255,
    value => REGISTRY_HUB.test(value),
    'a container registry hub: host[:port] followed by optional /path segments, lowercase a-z, 0-9, ".", "_" and "-" (e.g. registry.example.com/istio)',
    options,
  );
}

/** A container image tag. */
export function imageTag(options?: FormatOptions) {
  return formattedString(
    128,
    value => /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/.test(value),
    'an image tag: 1-128 characters of A-Z, a-z, 0-9, "_", "." and "-", not starting with "." or "-"',
    options,
  );
}

/** A component version such as `v1.64` or `1.26.1` (Kiali images and the like). */
export function componentVersion(options?: FormatOptions) {
  return formattedString(
    32,
    value =>
      /^v?(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(\.(0|[1-9][0-9]*))?$/.test(value),
    'a version MAJOR.MINOR or MAJOR.MINOR.PATCH, optionally prefixed with "v" (e.g. v1.64)',
    options,
  );
}

/** A Kubernetes CPU quantity (cores or millicores). */
export function cpuQuantity() {
  return formattedString(
    16,
    value => /^([0-9]{1,6}(\.[0-9]{1,3})?|[0-9]{1,9}m)$/.test(value),
    'a CPU quantity: cores (e.g. 0.5, 2) or millicores (e.g. 100m)',
  );
}

/** A Kubernetes memory quantity. */
export function memoryQuantity() {
  return formattedString(
    16,
    value => /^[0-9]{1,12}(Ki|Mi|Gi|Ti|k|M|G|T)?$/.test(value),
    'a memory quantity: an integer with an optional unit Ki, Mi, Gi, Ti, k, M, G or T (e.g. 128Mi)',
  );
}

/** A Prometheus scrape interval. */
export function scrapeInterval() {
  return formattedString(
    8,
    value => /^[1-9][0-9]{0,3}(s|m)$/.test(value),
    'a duration of 1-9999 seconds or minutes, e.g. 15s or 1m',
  );
}

/** An absolute file path inside a proxy container (access log destination). */
export function absoluteFilePath(options?: FormatOptions) {
  return formattedString(
    255,
    value =>
      /^(\/[A-Za-z0-9_][A-Za-z0-9._-]*)+$/.test(value) &&
      !value.split('/').includes('..'),
    'an absolute file path of "/"-separated segments of A-Z, a-z, 0-9, ".", "_" and "-" (e.g. /dev/stdout)',
    options,
  );
}

/** A path inside a Git repository, relative to its root. */
export function repositoryPath(options?: FormatOptions) {
  return formattedString(
    255,
    value =>
      /^[A-Za-z0-9_][A-Za-z0-9._-]*(\/[A-Za-z0-9_][A-Za-z0-9._-]*)*$/.test(
        value,
      ) && !value.split('/').includes('..'),
    'a relative path of "/"-separated segments of A-Z, a-z, 0-9, ".", "_" and "-" (no leading "/", no "..", e.g. clusters/prod-1)',
    options,
  );
}

/** A Git branch name. */
export function gitBranchName() {
  return formattedString(
    100,
    value =>
      /^[A-Za-z0-9_][A-Za-z0-9._/-]*$/.test(value) &&
      !value.includes('..') &&
      !value.includes('//') &&
      !value.endsWith('/') &&
      !value.endsWith('.') &&
      !value.endsWith('.lock'),
    'a Git branch name of A-Z, a-z, 0-9, ".", "_", "-" and "/" (no "..", "//", trailing "/", "." or ".lock"), at most 100 characters',
  );
}

/** A TCP/UDP port number. */
export function portNumber() {
  const allowed = 'an integer port number from 1 to 65535';
  return z
    .number({ error: `must be ${allowed}` })
    .int({ error: `must be ${allowed}` })
    .min(1, { error: `must be ${allowed}` })
    .max(65535, { error: `must be ${allowed}` });
}

/** A percentage from 0 to 100 inclusive. */
export function percentage() {
  const allowed = 'a number from 0 to 100 (percent)';
  return z
    .number({ error: `must be ${allowed}` })
    .min(0, { error: `must be ${allowed}` })
    .max(100, { error: `must be ${allowed}` });
}

/** A boolean switch. */
export function flag() {
  return z.boolean({ error: 'must be true or false' });
}

/** One value out of a fixed list; the message lists the allowed values. */
export function oneOf<const T extends readonly [string, ...string[]]>(
  values: T,
) {
  return z.enum(values, {
    error: `must be one of: ${values.join(', ')}`,
  });
}

/** A list with a maximum length, whose entries must be unique. */
export function uniqueList<T extends z.ZodType>(
  item: T,
  maxItems: number,
  what: string,
) {
  return z
    .array(item, { error: `must be a list of ${what}` })
    .max(maxItems, { error: `must have at most ${maxItems} ${what}` })
    .refine(
      items => new Set(items.map(i => JSON.stringify(i))).size === items.length,
      {
        error: `must not repeat entries: each of the ${what} may appear once`,
      },
    );
}
