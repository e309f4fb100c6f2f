import { parse } from 'yaml';
import type {
  BundleFile,
  BundleProblem,
  MeshBundle,
} from '../../bundle/meshBundle';
import { dedupeProblems } from '../dedupeProblems';
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

function problemIn(file: string, path: string, message: string): BundleProblem {
  return { file, subject: 'Kustomization', path, message };
}

/** The `resources` list of a kustomization file, or the problem that keeps it from being read. */
function resourcesOf(file: BundleFile): unknown[] | BundleProblem | undefined {
  let document: unknown;
  try {
    document = parse(file.content);
  } catch (error) {
    return problemIn(
      file.path,
      '',
      `is not valid YAML: ${(error as Error).message}`,
    );
  }
  const resources = isRecord(document) ? document.resources : undefined;
  if (resources === undefined || Array.isArray(resources)) {
    return resources;
  }
  return problemIn(file.path, 'resources', 'must be a list of paths');
}

/**
 * Checks each entry of one kustomization's `resources` against the bundle's files, and adds the
 * file (or the folder's kustomization) each one reaches to `reachable`.
 */
function resourceProblems(
  file: BundleFile,
  files: Set<string>,
  reachable: Set<string>,
): BundleProblem[] {
  const resources = resourcesOf(file);
  if (!Array.isArray(resources)) {
    return resources ? [resources] : [];
  }
  const base = dirname(file.path);
  return resources.flatMap((resource, i) => {
    const path = `resources[${i}]`;
    if (typeof resource !== 'string') {
      return [problemIn(file.path, path, 'must be a path')];
    }
    const target = normalize(base, resource);
    if (
      target === undefined ||
      !(target === base || target.startsWith(`${base}/`) || base === '')
    ) {
      return [
        problemIn(
          file.path,
          path,
          `"${resource}" leaves the folder of the kustomization`,
        ),
      ];
    }
    const reached = [target, `${target}/${kustomizationName}`].find(f =>
      files.has(f),
    );
    if (reached) {
      reachable.add(reached);
      return [];
    }
    return [
      problemIn(
        file.path,
        path,
        `"${resource}" is not a file of the bundle (nor a folder with a ${kustomizationName})`,
      ),
    ];
  });
}

/** An object below a kustomization's folder is deployed only if some kustomization lists it. */
function unlistedObjectFiles(
  bundle: MeshBundle,
  kustomizationDirs: string[],
  reachable: Set<string>,
): BundleProblem[] {
  // IstioOperator files are istioctl input unless an in-cluster operator is installed, so the
  // renderer may leave them out of the kustomization.
  const appliedFiles = bundle.objects
    .filter(o => o.object.kind !== 'IstioOperator')
    .map(o => o.file);
  const problems: BundleProblem[] = [];
  for (const objectFile of new Set(appliedFiles)) {
    const owner = kustomizationDirs
      .filter(dir => dir === '' || objectFile.startsWith(`${dir}/`))
      .sort((a, b) => b.length - a.length)[0];
    if (owner !== undefined && !reachable.has(objectFile)) {
      const ownerFile = owner
        ? `${owner}/${kustomizationName}`
        : kustomizationName;
      problems.push(
        problemIn(
          objectFile,
          '',
          `is not listed in ${ownerFile} (nor in a kustomization it includes), so it would never be applied`,
        ),
      );
    }
  }
  return problems;
}

/**
 * Every `kustomization.yaml` must list only files or folders (with their own kustomization) that
 * exist in the bundle, and every object file of its folder must be reachable from it: kustomize
 * fails on the first, and silently leaves the second undeployed.
 */
export function kustomizationResources(bundle: MeshBundle): BundleProblem[] {
  const files = new Set(bundle.files.map(f => f.path));
  const reachable = new Set<string>();
  const kustomizations = bundle.files.filter(
    f =>
      f.path === kustomizationName || f.path.endsWith(`/${kustomizationName}`),
  );
  const problems = kustomizations.flatMap(file =>
    resourceProblems(file, files, reachable),
  );
  problems.push(
    ...unlistedObjectFiles(
      bundle,
      kustomizations.map(k => dirname(k.path)),
      reachable,
    ),
  );
  return dedupeProblems(problems);
}
