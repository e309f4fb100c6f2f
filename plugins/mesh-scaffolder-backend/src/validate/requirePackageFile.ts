import fs from 'node:fs';
import path from 'node:path';

/**
 * Loads one file of an installed package by its path inside the package.
 *
 * The kubernetes-models majors that carry current CRDs export ES modules under the "import"
 * condition only, so `require('@kubernetes-models/istio/...')` fails in this CommonJS package.
 * Node ≥ 20.19 can `require()` an ES module file by path, and validation must stay synchronous,
 * so the package folder is located the way Node would find it and the file is required directly.
 */
export function requirePackageFile(packageName: string, file: string): unknown {
  const lookupDirs = require.resolve.paths(packageName) ?? [];
  for (const dir of lookupDirs) {
    const packageDir = path.join(dir, packageName);
    if (fs.existsSync(path.join(packageDir, 'package.json'))) {
      const target = path.join(packageDir, file);
      if (!fs.existsSync(target)) {
        return undefined;
      }
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      return require(target);
    }
  }
  throw new Error(`package ${packageName} is not installed`);
}
