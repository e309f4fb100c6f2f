import { createMockDirectory } from '@backstage/backend-test-utils';
import { ClusterApplyReport } from './applyResult';
import { applyMeshBundle, ApplyMeshBundleOptions } from './applyMeshBundle';
import { kubeApiClientWithTimeout } from './kubeClient';
import { MAX_ATTEMPTS } from './requestRetry';
import {
  ContractCluster,
  kubernetesConfigFor,
  startContractClusters,
} from './__testUtils__/contractClusters';
import { ContractFault, isWriteOf } from './__testUtils__/contractFaults';
import {
  deployment,
  namespace,
  writeHandMadeBundle,
} from './__testUtils__/handMadeBundle';

const DEPLOYMENTS = ['d1', 'd2', 'd3', 'd4', 'd5'];

describe('apply under faults of the API server', () => {
  const mockDir = createMockDirectory();
  let cluster: ContractCluster;
  let logs: string[];

  beforeEach(async () => {
    mockDir.clear();
    logs = [];
    [cluster] = await startContractClusters(['lab']);
    await writeHandMadeBundle(mockDir.path, {
      lab: [
        namespace('mesh-demo'),
        ...DEPLOYMENTS.map(d => deployment(d, 'mesh-demo')),
      ],
    });
  });
  afterEach(() => cluster.server.stop());

  // One request in flight, so the deployments of tier 3 queue behind one another.
  const run = (overrides: Partial<ApplyMeshBundleOptions> = {}) =>
    applyMeshBundle({
      config: kubernetesConfigFor([cluster]),
      bundleDir: mockDir.path,
      clusters: ['lab'],
      dryRunOnly: false,
      force: false,
      remoteSecrets: false,
      concurrency: 1,
      log: message => logs.push(message),
      ...overrides,
    }).then(([report]) => report);

  /** Injects `fault` into the first (or every) real apply of deployment `name`. */
  const injectOnWrite = (name: string, fault: ContractFault, every = false) => {
    let fired = false;
    cluster.server.faults = request => {
      if (!isWriteOf(request, `/deployments/${name}`) || (fired && !every)) {
        return undefined;
      }
      fired = true;
      return fault;
    };
  };
  const writesOf = (name: string) =>
    cluster.server.requests.filter(r => isWriteOf(r, `/deployments/${name}`));

  /** Every object has an outcome, every failed or skipped one a reason; no token anywhere. */
  function expectCompleteReport(report: ClusterApplyReport) {
    expect(report.results.map(r => r.name)).toEqual([
      'mesh-demo',
      ...DEPLOYMENTS,
    ]);
    for (const result of report.results) {
      expect([
        'created',
        'configured',
        'unchanged',
        'failed',
        'skipped',
      ]).toContain(result.outcome);
      if (result.outcome === 'failed' || result.outcome === 'skipped') {
        expect(result.reason).toEqual(expect.any(String));
      }
    }
    const everything = [JSON.stringify(report), ...logs].join('\n');
    expect(everything).not.toContain(cluster.token);
  }

  /** No real write arrived after the faulted request's. */
  function expectNothingWrittenAfter(name: string) {
    const faulted = cluster.server.requests.indexOf(writesOf(name).at(-1)!);
    const later = cluster.server.requests
      .slice(faulted + 1)
      .filter(r => r.method === 'PATCH' && r.query.dryRun === undefined);
    expect(later).toEqual([]);
  }

  /** A task retry (the same apply again, fault gone) applies everything not yet applied. */
  async function expectRetryReapplies() {
    cluster.server.faults = undefined;
    const retried = await run();
    expect(retried.results.filter(r => r.outcome === 'failed')).toEqual([]);
    for (const d of DEPLOYMENTS) {
      expect(
        cluster.server.getObject('apps/v1', 'Deployment', d, 'mesh-demo'),
      ).toBeDefined();
    }
  }

  const outcomes = (report: ClusterApplyReport) =>
    report.results.map(r => [r.name, r.outcome]);

  it('a connection reset in the middle of a tier: that object failed, the queued ones skipped', async () => {
    injectOnWrite('d2', { kind: 'reset' });

    const report = await run();

    expectCompleteReport(report);
    expect(outcomes(report)).toEqual([
      ['mesh-demo', 'created'],
      ['d1', 'created'],
      ['d2', 'failed'],
      ['d3', 'skipped'],
      ['d4', 'skipped'],
      ['d5', 'skipped'],
    ]);
    expect(report.results[2].reason).toMatch(/unreachable/);
    expect(cluster.server.writes).toEqual([
      'namespaces//mesh-demo',
      'deployments/mesh-demo/d1',
    ]);
    expectNothingWrittenAfter('d2');
    await expectRetryReapplies();
  });

  it('429 with Retry-After: the request is sent again after the wait, and a Retry-After beyond the bound is not waited for', async () => {
    injectOnWrite('d2', { kind: 'status', code: 429, retryAfterSeconds: 1 });

    const report = await run();

    expectCompleteReport(report);
    expect(report.results.every(r => r.outcome === 'created')).toBe(true);
    expect(writesOf('d2')).toHaveLength(2);

    // AND an overload announced for an hour fails the object at once, nothing written after it
    await cluster.server.stop();
    [cluster] = await startContractClusters(['lab']);
    injectOnWrite('d3', { kind: 'status', code: 429, retryAfterSeconds: 3600 });
    const overloaded = await run();
    expectCompleteReport(overloaded);
    expect(outcomes(overloaded).slice(3)).toEqual([
      ['d3', 'failed'],
      ['d4', 'skipped'],
      ['d5', 'skipped'],
    ]);
    expect(writesOf('d3')).toHaveLength(1);
    expectNothingWrittenAfter('d3');
    await expectRetryReapplies();
  });

  it('a 500 on one object: retried a bounded number of times, then failed with nothing written after it', async () => {
    injectOnWrite('d3', { kind: 'status', code: 500 }, true);

    const report = await run();

    expectCompleteReport(report);
    expect(outcomes(report).slice(3)).toEqual([
      ['d3', 'failed'],
      ['d4', 'skipped'],
      ['d5', 'skipped'],
    ]);
    expect(report.results[3].reason).toMatch(/InternalError/);
    expect(writesOf('d3')).toHaveLength(MAX_ATTEMPTS);
    expectNothingWrittenAfter('d3');
    await expectRetryReapplies();
  });

  it('a timeout: the object failed as timed out, the queued ones skipped', async () => {
    injectOnWrite('d2', { kind: 'hang' });

    const report = await run({
      kubeClientFactory: kubeApiClientWithTimeout(300),
    });

    expectCompleteReport(report);
    expect(outcomes(report).slice(2)).toEqual([
      ['d2', 'failed'],
      ['d3', 'skipped'],
      ['d4', 'skipped'],
      ['d5', 'skipped'],
    ]);
    expect(report.results[2].reason).toMatch(/timed out after 300 ms/);
    expectNothingWrittenAfter('d2');
    await expectRetryReapplies();
  });

  it('cancellation: the request in flight is abandoned and nothing more is sent', async () => {
    // GIVEN a write that never gets an answer, and a client that would wait 30 s for it
    injectOnWrite('d2', { kind: 'hang' });
    const controller = new AbortController();
    const pending = run({ signal: controller.signal });
    while (writesOf('d2').length === 0) {
      await new Promise(resolve => setTimeout(resolve, 5));
    }
    const sentBeforeCancel = cluster.server.requests.length;

    // WHEN the task is cancelled
    controller.abort();
    const report = await pending;

    // THEN the apply ends with a complete report and no request after the cancellation
    expectCompleteReport(report);
    expect(outcomes(report).slice(2)).toEqual([
      ['d2', 'failed'],
      ['d3', 'skipped'],
      ['d4', 'skipped'],
      ['d5', 'skipped'],
    ]);
    expect(report.results[2].reason).toMatch(/cancelled/);
    expect(cluster.server.requests).toHaveLength(sentBeforeCancel);
    await expectRetryReapplies();
  });
});
