import { mockServices } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import {
  parseMeshClusterSpec,
  UpgradeGateClient,
  UpgradeGateResponse,
} from '@mesh-templates/plugin-mesh-common';
import {
  freePort,
  listenOnLoopback,
  LoopbackServer,
} from '@mesh-templates/plugin-mesh-common/testing';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import yaml from 'yaml';
import { advanceUpgrade } from '../upgrade';
import { createMeshUpgradePlanAction } from './upgradePlan';

const spec = {
  cluster: { name: 'east-1' },
  istio: {
    version: '1.30.3',
    revision: '1-30-3',
    revisionTags: ['prod'],
    injectionNamespaces: ['shop', 'payments'],
  },
};

/** A service token as Backstage's AuthService hands one out; it must never be echoed. */
const serviceToken = 'svc-token-0123456789abcdefSECRET';

/** The spec after canary and move, ready for promote. */
const movedSpec = () => {
  const canary = advanceUpgrade(parseMeshClusterSpec(spec), '1.31.0', 'canary');
  return advanceUpgrade(canary.spec, '1.31.0', 'move').spec;
};

/** The mesh backend's gate route, answering each cluster as told and recording every request. */
async function startFakeGate(
  verdicts: Record<string, Pick<UpgradeGateResponse, 'allowed' | 'reasons'>>,
) {
  const requests: { url: string; authorization?: string }[] = [];
  const server = await listenOnLoopback(
    http.createServer((req, res) => {
      requests.push({
        url: req.url ?? '',
        authorization: req.headers.authorization,
      });
      const query = new URL(req.url ?? '', 'http://gate').searchParams;
      const verdict = verdicts[query.get('cluster') ?? ''];
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify({ ...Object.fromEntries(query), ...verdict }));
    }),
  );
  return { server, requests };
}

function gateClient(baseUrl: string) {
  return new UpgradeGateClient({
    discovery: { getBaseUrl: async () => `${baseUrl}/api/mesh` },
    auth: {
      getOwnServiceCredentials: async () => ({ principal: 'scaffolder' }),
      getPluginRequestToken: async () => ({ token: serviceToken }),
    },
  });
}

/** The context the action's handler takes, its input typed by the action's schema. */
type PlanContext = Parameters<
  ReturnType<typeof createMeshUpgradePlanAction>['handler']
>[0];

function context(
  input: Omit<PlanContext['input'], 'spec'> & { spec: object },
  isDryRun = false,
) {
  const logger = mockServices.logger.mock();
  // The mock context is typed for JSON input; the spec objects here are plain JSON as well.
  const ctx = createMockActionContext({
    input: input as any,
    logger: logger as any,
  }) as unknown as PlanContext;
  ctx.isDryRun = isDryRun;
  return { ctx, logger };
}

const outputOf = (ctx: { output: unknown }, name: string) =>
  (ctx.output as jest.Mock).mock.calls.find(([n]) => n === name)?.[1];

/** Everything the step said: outputs and every log line. */
const everything = (ctx: { output: unknown }, logger: object) =>
  JSON.stringify([
    (ctx.output as jest.Mock).mock.calls,
    Object.values(logger).map(fn => (fn as jest.Mock).mock?.calls),
  ]);

describe('mesh:upgrade:plan', () => {
  const action = createMeshUpgradePlanAction();

  it('outputs the spec after canary, with the new revision recorded', async () => {
    const ctx = createMockActionContext({
      input: { spec, to: '1.31.0', stage: 'canary' as const },
    });
    await action.handler(ctx);
    expect(ctx.output).toHaveBeenCalledWith(
      'spec',
      expect.objectContaining({
        istio: expect.objectContaining({
          version: '1.30.3',
          upgrade: {
            toVersion: '1.31.0',
            toRevision: '1-31-0',
            stage: 'canary',
            canaryTag: 'canary',
            movedNamespaces: [],
          },
        }),
      }),
    );
  });

  it('moves only the chosen namespaces and notes their restarts', async () => {
    const canary = createMockActionContext({
      input: { spec, to: '1.31.0', stage: 'canary' as const },
    });
    await action.handler(canary);
    const ctx = createMockActionContext({
      input: {
        spec: outputOf(canary, 'spec'),
        to: '1.31.0',
        stage: 'move' as const,
        namespaces: ['payments'],
      },
    });
    await action.handler(ctx);
    expect(ctx.output).toHaveBeenCalledWith('notes', [
      'namespace payments now follows tag canary: its workloads move to 1-31-0 only when restarted (kubectl rollout restart deployment,statefulset,daemonset -n payments)',
    ]);
  });

  it('fails with the precheck reasons for an unsupported path', async () => {
    const ctx = createMockActionContext({
      input: {
        spec: { ...spec, istio: { ...spec.istio, version: '1.17.8' } },
        to: '1.31.0',
        stage: 'canary' as const,
      },
    });
    await expect(action.handler(ctx)).rejects.toThrow(
      /Istio upgrade canary to 1\.31\.0 refused:\n1\.17\.8 → 1\.31\.0 skips 13 minor releases/,
    );
    expect(ctx.output).not.toHaveBeenCalled();
  });

  it('fails naming the field for an invalid spec', async () => {
    const ctx = createMockActionContext({
      input: {
        spec: { istio: { version: 'latest' } },
        to: '1.31.0',
        stage: 'precheck' as const,
      },
    });
    await expect(action.handler(ctx)).rejects.toThrow(/istio\.version/);
  });

  it('refuses to upgrade one member of a multi-cluster mesh alone, and a cluster the spec lacks', async () => {
    const mesh = yaml.parse(
      fs.readFileSync(
        path.resolve(
          __dirname,
          '../../../../examples/specs/multi-primary-3-clusters.yaml',
        ),
        'utf8',
      ),
    );
    const input = { spec: mesh, to: '1.31.0', stage: 'precheck' as const };
    await expect(
      action.handler(context({ ...input, scope: 'cluster' }).ctx),
    ).rejects.toThrow(
      'scope: the clusters of mesh prod-mesh (east-1, west-1, central-1) share one spec',
    );
    await expect(
      action.handler(
        context({ ...input, scope: 'mesh', cluster: 'resource:default/north' })
          .ctx,
      ),
    ).rejects.toThrow('cluster: north is not a cluster of the spec');
  });
});

describe('mesh:upgrade:plan asks the upgrade gate before promote and cleanup', () => {
  let gate: LoopbackServer | undefined;
  afterEach(async () => {
    await gate?.stop();
    gate = undefined;
  });

  it('asks with the service token for every cluster and notes that the gate passed', async () => {
    // GIVEN a gate that allows east-1
    const fake = await startFakeGate({
      'east-1': { allowed: true, reasons: [] },
    });
    gate = fake.server;
    const { ctx, logger } = context({
      spec: movedSpec(),
      to: '1.31.0',
      stage: 'promote',
    });
    // WHEN promote runs
    await createMeshUpgradePlanAction({ gate: gateClient(gate.url) }).handler(
      ctx,
    );
    // THEN the gate was asked once, from the running to the new revision, with the service token
    expect(fake.requests).toEqual([
      {
        url: '/api/mesh/upgrade-gate?cluster=east-1&stage=promote&from=1-30-3&to=1-31-0',
        authorization: `Bearer ${serviceToken}`,
      },
    ]);
    expect(outputOf(ctx, 'spec').istio.upgrade.stage).toBe('promote');
    const passed =
      'upgrade gate asked and passed: promote from 1-30-3 to 1-31-0 allowed for east-1 (mesh backend, live health)';
    expect(outputOf(ctx, 'notes')).toContain(passed);
    expect(logger.info).toHaveBeenCalledWith(passed);
    expect(everything(ctx, logger)).not.toContain(serviceToken);
  });

  it('asks about a sail mesh by the IstioRevision names Sail runs', async () => {
    // GIVEN a Sail mesh whose Istio resource "prod" is moving from 1.29.6 to 1.30.3
    const fake = await startFakeGate({
      'east-1': { allowed: true, reasons: [] },
    });
    gate = fake.server;
    const sail = parseMeshClusterSpec({
      ...spec,
      istio: {
        ...spec.istio,
        installMethod: 'sail',
        version: '1.29.6',
        revision: 'prod',
        revisionTags: ['stable'],
      },
    });
    const canary = advanceUpgrade(sail, '1.30.3', 'canary').spec;
    const { ctx } = context({
      spec: advanceUpgrade(canary, '1.30.3', 'move').spec,
      to: '1.30.3',
      stage: 'promote',
    });
    // WHEN promote runs
    await createMeshUpgradePlanAction({ gate: gateClient(gate.url) }).handler(
      ctx,
    );
    // THEN the gate is asked about the revisions istiod reports: prod-v1-29-6 and prod-v1-30-3
    expect(fake.requests.map(r => r.url)).toEqual([
      '/api/mesh/upgrade-gate?cluster=east-1&stage=promote&from=prod-v1-29-6&to=prod-v1-30-3',
    ]);
  });

  it("fails with the gate's reasons in the error and the task log, outputting no spec", async () => {
    const reason =
      'east-1: workloads on revision 1-31-0 answer 20.00 % 5xx against 0.00 % on 1-30-3 (allowed increase 0.10 %)';
    const fake = await startFakeGate({
      'east-1': { allowed: false, reasons: [reason] },
    });
    gate = fake.server;
    const { ctx, logger } = context({
      spec: advanceUpgrade(movedSpec(), '1.31.0', 'promote').spec,
      to: '1.31.0',
      stage: 'cleanup',
    });
    const error = await createMeshUpgradePlanAction({
      gate: gateClient(gate.url),
    })
      .handler(ctx)
      .catch(e => e);
    expect(error.name).toBe('InputError');
    expect(error.message).toBe(
      `Istio upgrade cleanup from 1-30-3 to 1-31-0 refused by the upgrade gate:\n${reason}`,
    );
    expect(logger.error).toHaveBeenCalledWith(error.message);
    expect(fake.requests.map(r => r.url)).toEqual([
      '/api/mesh/upgrade-gate?cluster=east-1&stage=cleanup&from=1-30-3&to=1-31-0',
    ]);
    expect(ctx.output).not.toHaveBeenCalled();
    expect(everything(ctx, logger) + error.message).not.toContain(serviceToken);
  });

  it('refuses when the gate cannot be reached, saying why and naming no token', async () => {
    const nothingListens = `http://127.0.0.1:${await freePort()}`;
    const { ctx, logger } = context({
      spec: movedSpec(),
      to: '1.31.0',
      stage: 'promote',
    });
    const error = await createMeshUpgradePlanAction({
      gate: gateClient(nothingListens),
    })
      .handler(ctx)
      .catch(e => e);
    expect(error.name).toBe('ServiceUnavailableError');
    expect(error.message).toMatch(
      /^Istio upgrade promote from 1-30-3 to 1-31-0 refused by the upgrade gate:\neast-1: the upgrade gate could not be asked \(fetch failed: .*ECONNREFUSED.*\)$/,
    );
    expect(ctx.output).not.toHaveBeenCalled();
    expect(everything(ctx, logger) + error.message).not.toContain(serviceToken);
  });

  it('refuses promote when the action was built without a gate', async () => {
    const { ctx } = context({
      spec: movedSpec(),
      to: '1.31.0',
      stage: 'promote',
    });
    await expect(createMeshUpgradePlanAction().handler(ctx)).rejects.toThrow(
      'no upgrade gate is configured for this action',
    );
    expect(ctx.output).not.toHaveBeenCalled();
  });

  it('does not ask the gate in a dry run, and says so in the notes', async () => {
    const fake = await startFakeGate({});
    gate = fake.server;
    const { ctx } = context(
      { spec: movedSpec(), to: '1.31.0', stage: 'promote' },
      true,
    );
    await createMeshUpgradePlanAction({ gate: gateClient(gate.url) }).handler(
      ctx,
    );
    expect(fake.requests).toEqual([]);
    expect(outputOf(ctx, 'notes')).toContain(
      'upgrade gate not asked in a dry run: a real run asks the mesh backend before promote of east-1',
    );
  });

  it('does not ask the gate for stages it does not guard', async () => {
    const fake = await startFakeGate({});
    gate = fake.server;
    const { ctx } = context({ spec, to: '1.31.0', stage: 'canary' });
    await createMeshUpgradePlanAction({ gate: gateClient(gate.url) }).handler(
      ctx,
    );
    expect(fake.requests).toEqual([]);
  });
});
