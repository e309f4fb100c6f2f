import { ContractApiServer } from './contractApiServer';
import { AGGREGATED_DISCOVERY_TYPE } from './contractDiscovery';
import { ENGINE_KINDS } from './contractKinds';

/** The contract server must reject what a real API server rejects; these pin that down. */
describe('ContractApiServer', () => {
  let server: ContractApiServer;
  const token = 'contract-test-token';
  beforeEach(async () => {
    server = await ContractApiServer.start({
      token,
      customKinds: [ENGINE_KINDS.fluxHelmRelease],
    });
  });
  afterEach(() => server.stop());

  const call = async (
    method: string,
    path: string,
    body?: string,
    contentType = 'application/apply-patch+yaml',
    auth = token,
  ) => {
    const response = await fetch(server.url + path, {
      method,
      headers: {
        Authorization: `Bearer ${auth}`,
        ...(body !== undefined && { 'Content-Type': contentType }),
      },
      body,
    });
    return { status: response.status, body: await response.json() };
  };
  const cm = (extra: object = {}) =>
    JSON.stringify({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'c', namespace: 'default' },
      data: { a: '1' },
      ...extra,
    });
  const cmPath = '/api/v1/namespaces/default/configmaps/c';

  it('serves discovery with plurals, scope and subresources', async () => {
    expect((await call('GET', '/api')).body.versions).toEqual(['v1']);
    const groups = (await call('GET', '/apis')).body.groups.map(
      (g: any) => g.name,
    );
    expect(groups).toEqual(
      expect.arrayContaining([
        'apps',
        'networking.k8s.io',
        'helm.toolkit.fluxcd.io',
      ]),
    );
    const netpol = (
      await call('GET', '/apis/networking.k8s.io/v1')
    ).body.resources.find((r: any) => r.kind === 'NetworkPolicy');
    expect(netpol).toMatchObject({ name: 'networkpolicies', namespaced: true });
    const deployments = (await call('GET', '/apis/apps/v1')).body.resources.map(
      (r: any) => r.name,
    );
    expect(deployments).toEqual(
      expect.arrayContaining(['deployments', 'deployments/status']),
    );
    expect((await call('GET', '/apis/kiali.io/v1alpha1')).status).toBe(404);
  });

  it('serves aggregated discovery on /api and /apis when the Accept header asks for it, as a 1.30 server does', async () => {
    const get = (path: string, accept: string) =>
      fetch(server.url + path, {
        headers: { Authorization: `Bearer ${token}`, Accept: accept },
      });
    const aggregatedAccept = `${AGGREGATED_DISCOVERY_TYPE},application/json;q=0.9`;

    const apis = await get('/apis', aggregatedAccept);
    expect(apis.headers.get('content-type')).toBe(AGGREGATED_DISCOVERY_TYPE);
    const groups = await apis.json();
    expect(groups).toMatchObject({
      kind: 'APIGroupDiscoveryList',
      apiVersion: 'apidiscovery.k8s.io/v2',
    });
    const apps = groups.items.find((g: any) => g.metadata.name === 'apps');
    expect(
      apps.versions[0].resources.find((r: any) => r.resource === 'deployments'),
    ).toMatchObject({
      responseKind: { group: 'apps', version: 'v1', kind: 'Deployment' },
      scope: 'Namespaced',
      subresources: [expect.objectContaining({ subresource: 'status' })],
    });
    const core = await (await get('/api', aggregatedAccept)).json();
    // the core group's name is "", which the server leaves out
    expect(core.items.map((g: any) => g.metadata.name)).toEqual([undefined]);
    expect(
      core.items[0].versions[0].resources.find(
        (r: any) => r.resource === 'namespaces',
      ),
    ).toMatchObject({ scope: 'Cluster', responseKind: { kind: 'Namespace' } });

    // plain JSON, or an older server, gets the legacy documents
    expect((await (await get('/apis', 'application/json')).json()).kind).toBe(
      'APIGroupList',
    );
    const older = await ContractApiServer.start({
      token,
      aggregatedDiscovery: false,
    });
    const legacy = await fetch(`${older.url}/api`, {
      headers: { Authorization: `Bearer ${token}`, Accept: aggregatedAccept },
    });
    expect((await legacy.json()).kind).toBe('APIVersions');
    await older.stop();
  });

  it('answers 401 without the bearer token', async () => {
    expect(
      await call('GET', '/api', undefined, undefined, 'wrong'),
    ).toMatchObject({ status: 401, body: { reason: 'Unauthorized' } });
  });

  it('requires fieldManager and the apply content type', async () => {
    expect((await call('PATCH', cmPath, cm())).status).toBe(400);
    expect(
      (
        await call(
          'PATCH',
          `${cmPath}?fieldManager=t`,
          cm(),
          'application/json',
        )
      ).status,
    ).toBe(415);
    expect(
      (
        await call(
          'PATCH',
          `${cmPath}?fieldManager=t`,
          cm(),
          'application/merge-patch+json',
        )
      ).status,
    ).toBe(415);
    expect(
      (await call('PATCH', `${cmPath}?fieldManager=t&dryRun=Some`, cm()))
        .status,
    ).toBe(400);
  });

  it('does not persist dry-runs and does not write no-op applies', async () => {
    expect(
      (await call('PATCH', `${cmPath}?fieldManager=t&dryRun=All`, cm())).status,
    ).toBe(201);
    expect((await call('GET', cmPath)).status).toBe(404);
    const created = await call('PATCH', `${cmPath}?fieldManager=t`, cm());
    expect(created.status).toBe(201);
    const again = await call('PATCH', `${cmPath}?fieldManager=t`, cm());
    expect(again.body.metadata.resourceVersion).toBe(
      created.body.metadata.resourceVersion,
    );
    expect(server.writes).toEqual(['configmaps/default/c']);
  });

  it('reports conflicts with the other manager in Status causes unless forced', async () => {
    await call('PATCH', `${cmPath}?fieldManager=kubectl`, cm());
    const conflict = await call(
      'PATCH',
      `${cmPath}?fieldManager=mesh`,
      cm({ data: { a: '2' } }),
    );
    expect(conflict.status).toBe(409);
    expect(conflict.body.details.causes).toEqual([
      {
        reason: 'FieldManagerConflict',
        message: 'conflict with "kubectl" using v1',
        field: '.data.a',
      },
    ]);
    const forced = await call(
      'PATCH',
      `${cmPath}?fieldManager=mesh&force=true`,
      cm({ data: { a: '2' } }),
    );
    expect(forced.status).toBe(200);
    expect(forced.body.data.a).toBe('2');
    expect(
      forced.body.metadata.managedFields.map((m: any) => m.manager),
    ).toEqual(['mesh']);
    // the same value set by two managers is shared, not a conflict
    expect(
      (
        await call(
          'PATCH',
          `${cmPath}?fieldManager=other`,
          cm({ data: { a: '2' } }),
        )
      ).status,
    ).toBe(200);
  });

  it('answers 404 for kinds not served and namespaces that do not exist', async () => {
    expect(
      (
        await call(
          'PATCH',
          '/apis/kiali.io/v1alpha1/namespaces/default/kialis/k?fieldManager=t',
          '{}',
        )
      ).status,
    ).toBe(404);
    const missingNs = await call(
      'PATCH',
      '/api/v1/namespaces/nope/configmaps/c?fieldManager=t',
      cm({ metadata: { name: 'c', namespace: 'nope' } }),
    );
    expect(missingNs).toMatchObject({
      status: 404,
      body: {
        message: 'namespaces "nope" not found',
        details: { kind: 'namespaces', name: 'nope' },
      },
    });
  });

  it('rejects invalid objects: name, kind, namespace and field rules', async () => {
    expect(
      (await call('PATCH', `${cmPath}?fieldManager=t`, cm({ kind: 'Secret' })))
        .status,
    ).toBe(400);
    expect(
      (
        await call(
          'PATCH',
          `${cmPath}?fieldManager=t`,
          cm({ metadata: { name: 'c', namespace: 'other' } }),
        )
      ).status,
    ).toBe(400);
    expect(
      (
        await call(
          'PATCH',
          `${cmPath}?fieldManager=t`,
          cm({ metadata: { name: 'd', namespace: 'default' } }),
        )
      ).status,
    ).toBe(400);
    const badName = await call(
      'PATCH',
      '/api/v1/namespaces/default/configmaps/Bad_Name?fieldManager=t',
      cm({ metadata: { name: 'Bad_Name' } }),
    );
    expect(badName).toMatchObject({ status: 422, body: { reason: 'Invalid' } });
    const deployment = await call(
      'PATCH',
      '/apis/apps/v1/namespaces/default/deployments/d?fieldManager=t',
      JSON.stringify({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'd' },
        spec: {},
      }),
    );
    expect(deployment.status).toBe(422);
    expect(deployment.body.details.causes.map((c: any) => c.field)).toEqual([
      'spec.selector',
      'spec.template.spec.containers',
    ]);
  });

  it('serves a new kind once its CRD is applied', async () => {
    const crd = {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'widgets.example.io' },
      spec: {
        group: 'example.io',
        scope: 'Cluster',
        names: { kind: 'Widget', plural: 'widgets' },
        versions: [{ name: 'v1', served: true, storage: true }],
      },
    };
    const applied = await call(
      'PATCH',
      '/apis/apiextensions.k8s.io/v1/customresourcedefinitions/widgets.example.io?fieldManager=t',
      JSON.stringify(crd),
    );
    expect(applied.body.status.conditions).toContainEqual(
      expect.objectContaining({ type: 'Established', status: 'True' }),
    );
    expect(
      (await call('GET', '/apis/example.io/v1')).body.resources[0],
    ).toMatchObject({ name: 'widgets', namespaced: false });
    const wrongName = await call(
      'PATCH',
      '/apis/apiextensions.k8s.io/v1/customresourcedefinitions/gadgets.example.io?fieldManager=t',
      JSON.stringify({ ...crd, metadata: { name: 'gadgets.example.io' } }),
    );
    expect(wrongName.status).toBe(422);
  });
});
