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

  describe('lists with labelSelector and DELETE', () => {
    const labelled = (name: string, namespace: string, labels: object) =>
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name, namespace, labels },
      });
    beforeEach(async () => {
      const put = (name: string, namespace: string, labels: object) =>
        call(
          'PATCH',
          `/api/v1/namespaces/${namespace}/configmaps/${name}?fieldManager=t`,
          labelled(name, namespace, labels),
        );
      await put('old', 'default', { tier: 'mesh', rev: 'a' });
      await put('new', 'default', { tier: 'mesh', rev: 'b' });
      await put('elsewhere', 'kube-system', { tier: 'mesh', rev: 'a' });
      await put('bare', 'default', {});
    });
    const names = (body: any) => body.items.map((i: any) => i.metadata.name);

    it('lists a kind in one namespace or in all, as a <Kind>List without item types for built-in kinds', async () => {
      const inDefault = await call(
        'GET',
        '/api/v1/namespaces/default/configmaps',
      );
      expect(inDefault.status).toBe(200);
      expect(inDefault.body).toMatchObject({
        kind: 'ConfigMapList',
        apiVersion: 'v1',
        metadata: { resourceVersion: expect.any(String) },
      });
      expect(names(inDefault.body).sort()).toEqual(['bare', 'new', 'old']);
      expect(inDefault.body.items[0].kind).toBeUndefined();
      const everywhere = await call('GET', '/api/v1/configmaps');
      expect(names(everywhere.body).sort()).toEqual([
        'bare',
        'elsewhere',
        'new',
        'old',
      ]);
      // a cluster-scoped kind has no namespaced collection
      expect(
        (await call('GET', '/api/v1/namespaces/default/namespaces')).status,
      ).toBe(404);
    });

    it('filters by equality-based label selectors (=, ==, !=, exists, !exists)', async () => {
      const select = async (selector: string, path = '/api/v1/configmaps') =>
        names(
          (
            await call(
              'GET',
              `${path}?labelSelector=${encodeURIComponent(selector)}`,
            )
          ).body,
        ).sort();
      expect(await select('tier=mesh,rev=a')).toEqual(['elsewhere', 'old']);
      expect(
        await select(
          'tier==mesh,rev=a',
          '/api/v1/namespaces/default/configmaps',
        ),
      ).toEqual(['old']);
      expect(await select('tier=mesh,rev!=a')).toEqual(['new']);
      expect(await select('rev')).toEqual(['elsewhere', 'new', 'old']);
      expect(await select('!rev')).toEqual(['bare']);
      expect(await select('rev=c')).toEqual([]);
    });

    it('answers 400 for a selector it cannot parse, naming the requirement', async () => {
      const bad = await call(
        'GET',
        '/api/v1/configmaps?labelSelector=a%3D%3D%3Db',
      );
      expect(bad.status).toBe(400);
      expect(bad.body).toMatchObject({ kind: 'Status', reason: 'BadRequest' });
      expect(bad.body.message).toContain('unable to parse requirement');
    });

    it('keeps custom resources typed in lists', async () => {
      await call(
        'PATCH',
        '/apis/helm.toolkit.fluxcd.io/v2/namespaces/default/helmreleases/istiod?fieldManager=t',
        JSON.stringify({
          apiVersion: 'helm.toolkit.fluxcd.io/v2',
          kind: 'HelmRelease',
          metadata: {
            name: 'istiod',
            namespace: 'default',
            labels: { rev: 'a' },
          },
          spec: { interval: '10m' },
        }),
      );
      const list = await call(
        'GET',
        '/apis/helm.toolkit.fluxcd.io/v2/helmreleases?labelSelector=rev%3Da',
      );
      expect(list.body.kind).toBe('HelmReleaseList');
      expect(list.body.items).toEqual([
        expect.objectContaining({
          apiVersion: 'helm.toolkit.fluxcd.io/v2',
          kind: 'HelmRelease',
        }),
      ]);
    });

    it('deletes one object: dryRun=All answers without deleting, then the delete removes it', async () => {
      const path = '/api/v1/namespaces/default/configmaps/old';
      const dryRun = await call('DELETE', `${path}?dryRun=All`);
      expect(dryRun.status).toBe(200);
      expect(dryRun.body).toMatchObject({
        kind: 'Status',
        status: 'Success',
        details: { name: 'old', kind: 'configmaps' },
      });
      expect(
        server.getObject('v1', 'ConfigMap', 'old', 'default'),
      ).toBeDefined();
      expect((await call('DELETE', path)).status).toBe(200);
      expect(
        server.getObject('v1', 'ConfigMap', 'old', 'default'),
      ).toBeUndefined();
      expect(server.writes).toContain('DELETE configmaps/default/old');
      const again = await call('DELETE', path);
      expect(again.status).toBe(404);
      expect(again.body).toMatchObject({ reason: 'NotFound' });
    });

    it('keeps an object with finalizers, marked for deletion, until its controller removes them', async () => {
      await call(
        'PATCH',
        '/apis/helm.toolkit.fluxcd.io/v2/namespaces/default/helmreleases/held?fieldManager=t',
        JSON.stringify({
          apiVersion: 'helm.toolkit.fluxcd.io/v2',
          kind: 'HelmRelease',
          metadata: {
            name: 'held',
            namespace: 'default',
            finalizers: ['x.io/f'],
          },
          spec: { interval: '10m' },
        }),
      );
      const path =
        '/apis/helm.toolkit.fluxcd.io/v2/namespaces/default/helmreleases/held';
      const dryRun = await call('DELETE', `${path}?dryRun=All`);
      expect(dryRun.body.metadata.deletionTimestamp).toEqual(
        expect.any(String),
      );
      const get = () =>
        server.getObject(
          'helm.toolkit.fluxcd.io/v2',
          'HelmRelease',
          'held',
          'default',
        );
      expect(get().metadata.deletionTimestamp).toBeUndefined();
      const deleted = await call('DELETE', path);
      expect(deleted.status).toBe(200);
      expect(deleted.body.kind).toBe('HelmRelease');
      expect(get().metadata.deletionTimestamp).toEqual(expect.any(String));
      server.removeFinalizer(
        'helm.toolkit.fluxcd.io/v2',
        'HelmRelease',
        'held',
        'default',
        'x.io/f',
      );
      expect(get()).toBeUndefined();
    });

    it('rejects DELETE options a real server rejects', async () => {
      const path = '/api/v1/namespaces/default/configmaps/old';
      expect((await call('DELETE', `${path}?dryRun=Some`)).status).toBe(400);
      expect(
        (await call('DELETE', `${path}?propagationPolicy=Sideways`)).status,
      ).toBe(422);
      expect(
        server.getObject('v1', 'ConfigMap', 'old', 'default'),
      ).toBeDefined();
    });
  });
});
