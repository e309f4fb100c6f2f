import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { stringify } from 'yaml';
import {
  DEFAULT_HEALTH_THRESHOLDS,
  MeshAlertRule,
  meshAlertRules,
  parseIstioVersion,
} from '@mesh-templates/plugin-mesh-common';
import { renderMeshBundle } from './renderMeshBundle';
import { loadExampleSpecs } from './__testUtils__/exampleSpecs';

const execFileAsync = promisify(execFile);
const PROMTOOL = '/usr/bin/promtool';

jest.setTimeout(120_000);

/** Evaluated at 20 minutes: every 5m rate window is full and every `for: 5m` has had its time. */
const EVAL_MINUTES = 20;
const SAMPLES = 30;
const t = DEFAULT_HEALTH_THRESHOLDS;

interface Case {
  alert: string;
  fires: boolean;
  series: Array<{ series: string; values: string }>;
}

/** Requests per minute split between 200s and one error class, at `ratio`. */
function ratioSeries(code: string, ratio: number) {
  const total = 100_000;
  const errors = Math.round(total * ratio);
  const req = (c: string) =>
    `istio_requests_total{reporter="destination",response_code="${c}"}`;
  return [
    { series: req('200'), values: `0+${total - errors}x${SAMPLES}` },
    { series: req(code), values: `0+${errors}x${SAMPLES}` },
  ];
}

/** A constant certificate expiry, `offsetSec` past the rule's limit from the evaluation time. */
function expirySeries(metric: string, days: number, offsetSec: number) {
  const at = EVAL_MINUTES * 60 + days * 86_400 + offsetSec;
  return [{ series: `${metric}{pod="istiod-0"}`, values: `${at}x${SAMPLES}` }];
}

/**
 * For each alert, series just past its threshold (it must fire) and just short of it (it must stay
 * silent), from the same thresholds object the health backend defaults to.
 */
function cases(istioMinor: number): Case[] {
  const pair = (
    alert: string,
    past: Case['series'],
    below: Case['series'],
  ): Case[] => [
    { alert, fires: true, series: past },
    { alert, fires: false, series: below },
  ];
  const ratioPair = (alert: string, code: string, limit: number) =>
    pair(
      alert,
      ratioSeries(code, limit * 1.01),
      ratioSeries(code, limit * 0.99),
    );
  const certPair = (alert: string, metric: string, days: number) =>
    pair(
      alert,
      expirySeries(metric, days, -3600),
      expirySeries(metric, days, 3600),
    );
  const skew = t.maxProxyMinorVersionSkew;
  const proxy = (minor: number) => [
    {
      series: `istio_build{component="proxy",tag="1.${minor}.0",pod="p-0"}`,
      values: `1x${SAMPLES}`,
    },
  ];
  const root = 'citadel_server_root_cert_expiry_timestamp';
  const istiod = 'citadel_server_cert_chain_expiry_timestamp';
  const days = t.certificateExpiryDays;
  return [
    ...ratioPair('IstioMesh5xxRatioDegraded', '503', t.errorRate5xx.degraded),
    ...ratioPair('IstioMesh5xxRatioFailing', '503', t.errorRate5xx.failing),
    ...ratioPair('IstioMesh4xxRatioDegraded', '404', t.errorRate4xx.degraded),
    ...ratioPair('IstioMesh4xxRatioFailing', '404', t.errorRate4xx.failing),
    ...pair(
      'IstioMeshIstiodDown',
      [{ series: 'up{job="istiod"}', values: `0x${SAMPLES}` }],
      [{ series: 'up{job="istiod"}', values: `1x${SAMPLES}` }],
    ),
    ...pair(
      'IstioMeshXdsRejects',
      [
        {
          series: 'pilot_total_xds_rejects{type="lds"}',
          values: `0+${t.xdsRejectsPerMinute + 0.1}x${SAMPLES}`,
        },
      ],
      [
        {
          series: 'pilot_total_xds_rejects{type="lds"}',
          values: `0+${t.xdsRejectsPerMinute}x${SAMPLES}`,
        },
      ],
    ),
    ...pair(
      'IstioMeshProxyVersionSkew',
      proxy(istioMinor - skew - 1),
      proxy(istioMinor - skew),
    ),
    ...certPair('IstioMeshRootCaCertificateExpirySoon', root, days.degraded),
    ...certPair('IstioMeshRootCaCertificateExpiryImminent', root, days.failing),
    ...certPair('IstioMeshIstiodCertificateExpirySoon', istiod, days.degraded),
    ...certPair(
      'IstioMeshIstiodCertificateExpiryImminent',
      istiod,
      days.failing,
    ),
  ];
}

function promtoolTests(rules: MeshAlertRule[], istioMinor: number) {
  const severity = new Map(rules.map(r => [r.alert, r.labels.severity]));
  return {
    rule_files: ['rules-for-test.yaml'],
    evaluation_interval: '1m',
    tests: cases(istioMinor).map(c => ({
      interval: '1m',
      input_series: c.series,
      alert_rule_test: [
        {
          eval_time: `${EVAL_MINUTES}m`,
          alertname: c.alert,
          exp_alerts: c.fires
            ? [{ exp_labels: { severity: severity.get(c.alert) } }]
            : [],
        },
      ],
    })),
  };
}

const withRules = loadExampleSpecs()
  .map(({ name, spec }) => ({ name, spec, bundle: renderMeshBundle(spec) }))
  .flatMap(({ name, spec, bundle }) =>
    bundle.objects
      .filter(o => o.object.kind === 'PrometheusRule')
      .map(o => ({ name, spec, cluster: o.cluster, rule: o.object as any })),
  );

describe("every example bundle's PrometheusRule", () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mesh-promtool-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('is rendered wherever the Prometheus stack is prometheus-operator based', () => {
    const operatorBased = loadExampleSpecs().filter(
      e => e.spec.observability.prometheus.stack !== 'none',
    );
    expect(operatorBased.length).toBeGreaterThan(0);
    expect([...new Set(withRules.map(r => r.name))]).toEqual(
      operatorBased.map(e => e.name),
    );
  });

  it.each(withRules.map(r => [`${r.name} ${r.cluster}`, r] as const))(
    '%s: holds the rules of the health thresholds, passes promtool check rules and promtool test rules',
    async (_label, { spec, rule }) => {
      // GIVEN the rendered rule WHEN compared with the one definition THEN they are the same rules
      expect(rule.spec.groups).toEqual([
        {
          name: 'istio-mesh-health',
          rules: meshAlertRules(DEFAULT_HEALTH_THRESHOLDS, spec.istio.version),
        },
      ]);
      const rulesFile = path.join(dir, 'rules.yaml');
      fs.writeFileSync(rulesFile, stringify(rule.spec));
      const checked = await execFileAsync(PROMTOOL, [
        'check',
        'rules',
        rulesFile,
      ]);
      expect(checked.stdout).toContain(
        `SUCCESS: ${rule.spec.groups[0].rules.length} rules found`,
      );
      // promtool compares annotations verbatim after templating $value; the unit tests judge
      // expression, `for` and labels, so they run on the same groups without annotations.
      const forTest = {
        groups: rule.spec.groups.map((g: any) => ({
          ...g,
          rules: g.rules.map(({ annotations, ...r }: any) => r),
        })),
      };
      fs.writeFileSync(
        path.join(dir, 'rules-for-test.yaml'),
        stringify(forTest),
      );
      const minor = parseIstioVersion(spec.istio.version)!.minor;
      const testFile = path.join(dir, 'tests.yaml');
      fs.writeFileSync(
        testFile,
        stringify(promtoolTests(rule.spec.groups[0].rules, minor)),
      );
      const tested = await execFileAsync(
        PROMTOOL,
        ['test', 'rules', testFile],
        {
          cwd: dir,
        },
      ).catch(error => {
        throw new Error(
          `promtool test rules failed:\n${error.stdout}${error.stderr}`,
        );
      });
      expect(tested.stdout).toContain('SUCCESS');
    },
  );
});
