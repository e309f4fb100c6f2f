// Render + validate against Backstage's fetch:template and against yaml stringify of the same objects.
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { createFetchTemplateAction } from '@backstage/plugin-scaffolder-backend';
import {
  renderMeshBundle,
  validateBundle,
  writeBundle,
} from '@mesh-templates/plugin-scaffolder-backend-module-mesh';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import yaml from 'yaml';
import { fullSingleClusterSpec, meshOfClusters } from './lib/benchSpecs';
import { fmt, measure, peakRssMiB, silentLogger, table } from './lib/measure';

async function main() {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mesh-bench-'));
  try {
    const spec = fullSingleClusterSpec();
    const bundle = renderMeshBundle(spec);
    const bytes = bundle.files.reduce(
      (n, f) => n + Buffer.byteLength(f.content),
      0,
    );

    // The fetch:template baseline renders the same files as a static nunjucks skeleton: the
    // bundle's own text with the cluster name and mesh id turned back into template variables.
    const skeletonDir = path.join(tmp, 'template', 'skeleton');
    for (const file of bundle.files) {
      const target = path.join(
        skeletonDir,
        file.path.split(spec.cluster.name).join('${{ values.clusterName }}'),
      );
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(
        target,
        file.content
          .split(spec.cluster.name)
          .join('${{ values.clusterName }}')
          .split(spec.mesh.id)
          .join('${{ values.meshId }}'),
      );
    }
    const fetchTemplate = createFetchTemplateAction({
      reader: {
        readUrl: async () => {
          throw new Error('not used');
        },
        readTree: async () => {
          throw new Error('not used');
        },
        search: async () => {
          throw new Error('not used');
        },
      } as any,
      integrations: ScmIntegrations.fromConfig(new ConfigReader({})),
    });
    let run = 0;
    const fetchTemplateOnce = async () => {
      const workspacePath = path.join(tmp, `ws-${run++}`);
      fs.mkdirSync(workspacePath);
      // A plain action context: the scaffolder's test helper needs jest, which a bench has not.
      await fetchTemplate.handler({
        workspacePath,
        logger: silentLogger,
        templateInfo: {
          entityRef: 'template:default/bench',
          baseUrl: `file://${path.join(tmp, 'template', 'template.yaml')}`,
        },
        input: {
          url: './skeleton',
          values: { clusterName: spec.cluster.name, meshId: spec.mesh.id },
        },
        output() {},
        createTemporaryDirectory: async () =>
          fs.mkdtempSync(path.join(tmp, 'tmpdir-')),
        checkpoint: async ({ fn }: { fn: () => unknown }) => fn(),
        getInitiatorCredentials: async () => ({
          $$type: '@backstage/BackstageCredentials',
          principal: { type: 'none' },
        }),
        isDryRun: false,
        task: { id: 'bench' },
      } as any);
      fs.rmSync(workspacePath, { recursive: true });
    };

    const single = { runs: 60, warmup: 10 };
    const renderValidate = await measure(
      'render + validate, in memory',
      () => {
        const b = renderMeshBundle(spec);
        const problems = validateBundle(b);
        if (problems.length)
          throw new Error(`bench bundle invalid: ${problems[0].message}`);
      },
      single,
    );
    const renderOnly = await measure(
      'render only, in memory',
      () => renderMeshBundle(spec),
      single,
    );
    const stringifyOnly = await measure(
      'yaml stringify of the same objects',
      () => {
        for (const o of bundle.objects) yaml.stringify(o.object);
        for (const v of bundle.helmValues) yaml.stringify(v.values);
      },
      single,
    );
    const fetchTpl = await measure(
      'fetch:template of the equivalent skeleton (writes files)',
      fetchTemplateOnce,
    );
    let w = 0;
    const writeOnly = await measure(
      'writeBundle of the rendered files',
      async () => {
        const dir = path.join(tmp, `out-${w++}`);
        await writeBundle(bundle, dir);
        fs.rmSync(dir, { recursive: true });
      },
    );

    const mesh10 = meshOfClusters(10);
    const mesh100 = meshOfClusters(100);
    const mesh10Objects = renderMeshBundle(mesh10).objects.length;
    const mesh100Objects = renderMeshBundle(mesh100).objects.length;
    const m10 = await measure(
      '10-cluster mesh: render + validate',
      () => validateBundle(renderMeshBundle(mesh10)),
      { runs: 10 },
    );
    const m100 = await measure(
      '100-cluster mesh: render + validate',
      () => validateBundle(renderMeshBundle(mesh100)),
      { runs: 5, warmup: 1 },
    );

    const rows = [
      renderValidate,
      renderOnly,
      stringifyOnly,
      fetchTpl,
      writeOnly,
      m10,
      m100,
    ].map(m => [m.name, fmt(m.medianMs), fmt(m.p95Ms)]);
    console.log(`## Render and validate

Single cluster, every component on: ${bundle.files.length} files, ${
      bundle.objects.length
    } objects, ${bundle.helmValues.length} Helm values files, ${(
      bytes / 1024
    ).toFixed(
      0,
    )} KiB. Meshes: 10 clusters = ${mesh10Objects} objects, 100 clusters = ${mesh100Objects} objects.

${table(['operation', 'median ms', 'p95 ms'], rows)}

Peak resident memory of the bench process: ${fmt(peakRssMiB(), 0)} MiB.

${table(
  ['ratio', 'value', 'target'],
  [
    [
      'render+validate / fetch:template',
      fmt(renderValidate.medianMs / fetchTpl.medianMs, 2),
      '≤ 1.5',
    ],
    [
      'render+validate / yaml stringify',
      fmt(renderValidate.medianMs / stringifyOnly.medianMs, 2),
      '≤ 3',
    ],
    [
      '100 clusters, render+validate',
      `${fmt(m100.medianMs, 0)} ms`,
      '≤ 2000 ms',
    ],
    [
      'per-cluster cost 100 vs 10 clusters',
      fmt(m100.medianMs / 100 / (m10.medianMs / 10), 2),
      '≈ 1 (linear)',
    ],
  ],
)}`);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

// Exit explicitly: a stopped backend can leave timers behind that would keep the process alive.
main().then(
  () => process.exit(0),
  error => {
    console.error(error);
    process.exit(1);
  },
);
