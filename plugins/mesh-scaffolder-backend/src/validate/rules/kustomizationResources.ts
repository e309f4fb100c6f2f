import { parse } from 'yaml';
import type { BundleProblem, MeshBundle } from '../../bundle/meshBundle';
import { isRecord } from '../valuesAt';

const kustomizationName = 'kustomization.yaml';

function dirname(file: string): string {
  const slash = file.lastIndexOf('/');
  return slash === -1 ? '' : file.slice(0, slash);
}

function normalize(base: string, relative: string): string | undefined {
  const segments = base ? base.split('/') : [];
  for (const segment of relative.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (segments.length === 0) return undefined;
      segments.pop();
    } else {
      segments.push(segment);
    }
  }
  return segments.join('/');
}

/**
 * Every `kustomization.yaml` must list only files or folders (with their own kustomization) that
 * exist in the bundle, and every object file of its folder must be reachable from it: kustomize
 * fails on the first, and silently leaves the second undeployed.
 */
export function kustomizationResources(bundle: MeshBundle): BundleProblem[] {
  const problems: BundleProblem[] = [];
  const files = new Set(bundle.files.map(f => f.path));
  const reachable = new Set<string>();
  const kustomizations = bundle.files.filter(
    f =>
      f.path === kustomizationName || f.path.endsWith(`/${kustomizationName}`),
  );
  for (const file of kustomizations) {
    let document: unknown;
    try {
      document = parse(file.content);
    } catch (error) {
      problems.push({
        file: file.path,
        subject: 'Kustomization',
        path: '',
        message: `is not valid YAML: ${(error as Error).message}`,
      });
      continue;
    }
    const resources = isRecord(document) ? document.resources : undefined;
    if (resources === undefined) continue;
    if (!Array.isArray(resources)) {
      problems.push({
        file: file.path,
        subject: 'Kustomization',
        path: 'resources',
        message: 'must be a list of paths',
      });
      continue;
    }
    const base = dirname(file.path);
    resources.forEach((resource, i) => {
      const path = `resources[${i}]`;
      if (typeof resource !== 'string') {
        problems.push({
          file: file.path,
          subject: 'Kustomization',
          path,
          message: 'must be a path',
        });
        return;
      }
      const target = normalize(base, resource);
      if (
        target === undefined ||
        !(target === base || target.startsWith(`${base}/`) || base === '')
      ) {
        problems.push({
          file: file.path,
          subject: 'Kustomization',
          path,
          message: `"${resource}" leaves the folder of the kustomization`,
        });
      } else if (files.has(target)) {
        reachable.add(target);
      } else if (files.has(`${target}/${kustomizationName}`)) {
        reachable.add(`${target}/${kustomizationName}`);
      } else {
        problems.push({
          file: file.path,
          subject: 'Kustomization',
          path,
          message: `"${resource}" is not a file of the bundle (nor a folder with a ${kustomizationName})`,
        });
      }
    });
  }
  // An object below a kustomization's folder is deployed only if some kustomization lists it.
  const kustomizationDirs = kustomizations.map(k => dirname(k.path));
  // IstioOperator files are istioctl input unless an in-cluster operator is installed, so the
  // renderer may leave them out of the kustomization.
  const appliedFiles = bundle.objects
    .filter(o => o.object.kind !== 'IstioOperator')
    .map(o => o.file);
  for (const objectFile of new Set(appliedFiles)) {
    const owner = kustomizationDirs
      .filter(dir => dir === '' || objectFile.startsWith(`${dir}/`))
      .sort((a, b) => b.length - a.length)[0];
    if (owner !== undefined && !reachable.has(objectFile)) {
      const ownerFile = owner
        ? `${owner}/${kustomizationName}`
        : kustomizationName;
      problems.push({
        file: objectFile,
        subject: 'Kustomization',
        path: '',
        message: `is not listed in ${ownerFile} (nor in a kustomization it includes), so it would never be applied`,
      });
    }
  }
  return dedupe(problems);
}

function dedupe(problems: BundleProblem[]): BundleProblem[] {
  const seen = new Set<string>();
  return problems.filter(p => {
    const key = `${p.file}\u0000${p.path}\u0000${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
