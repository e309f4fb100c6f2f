import fs from 'node:fs';
import path from 'node:path';
import type { BundleObject } from '../bundle/meshBundle';
import { apiGroupOf } from '../kinds/kindCatalog';
import { GATEWAY_API_GROUP } from '../render/packs/gatewayApiCrdsPack';
import { objectSubject } from '../validate/problemSubject';

/**
 * The standard-channel CRD files of a Gateway API release in the conformance data
 * (`gateway-api/<version>/config/crd/standard`, the files the repository's `config/crd`
 * kustomization installs); empty when the data does not hold that release.
 */
export function gatewayApiCrdFiles(dir: string, version: string): string[] {
  const standard = path.join(
    dir,
    'gateway-api',
    version,
    'config',
    'crd',
    'standard',
  );
  if (!fs.existsSync(standard)) return [];
  return fs
    .readdirSync(standard)
    .filter(file => file.endsWith('.yaml'))
    .sort()
    .map(file => path.join(standard, file));
}

/** The Gateway API release an object of the bundle's gateway-api component installs, if it pins one. */
function pinnedRelease(object: BundleObject['object']): string | undefined {
  const spec = (object.spec ?? {}) as Record<string, any>;
  if (object.kind === 'Application') return spec.source?.targetRevision;
  if (object.kind === 'GitRepository') return spec.ref?.tag;
  return undefined;
}

/**
 * What the Gateway API data says about a bundle on an Istio line that requires `required`: every
 * Gateway API object is of a kind and version that release's standard CRDs serve (`served` holds
 * `apiVersion/kind` keys), and the gateway-api component pins exactly that release.
 */
export function gatewayApiProblems(
  objects: readonly BundleObject[],
  required: string | undefined,
  served: ReadonlySet<string>,
): string[] {
  const problems: string[] = [];
  for (const { file, component, object } of objects) {
    const subject = `${file} ${objectSubject(object)}`;
    const key = `${object.apiVersion}/${object.kind}`;
    if (
      required &&
      apiGroupOf(object.apiVersion) === GATEWAY_API_GROUP &&
      !served.has(key)
    ) {
      problems.push(
        `${subject}: ${key} is not served by the Gateway API ${required} standard CRDs`,
      );
    }
    const pinned =
      component === 'gateway-api' ? pinnedRelease(object) : undefined;
    if (pinned !== undefined && pinned !== required) {
      problems.push(
        `${subject}: installs Gateway API ${pinned}, but the Istio line requires ${
          required ?? 'no recorded release'
        }`,
      );
    }
  }
  return problems;
}
