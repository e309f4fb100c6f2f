import { Entity } from '@backstage/catalog-model';
import {
  createExtensionTester,
  renderInTestApp as renderInNewApp,
} from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { PropsWithChildren } from 'react';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import { meshEntityCard, meshEntityContent } from './alpha';
import { meshApiRef } from './api/MeshApi';
import { isMeshEntity } from './isMeshEntity';
import { EntityMeshContent, EntityMeshHealthCard } from './plugin';
import { sampleCluster } from './testing/sampleHealth';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'reviews',
    namespace: 'default',
    annotations: { 'backstage.io/kubernetes-id': 'reviews' },
  },
  spec: { type: 'service' },
};

const meshApi = {
  getHealth: async () => ({
    clusters: [
      sampleCluster('cluster-east', 'healthy'),
      sampleCluster('cluster-west', 'degraded'),
    ],
  }),
};

/** The legacy test app's router, opted in to React Router v7's behaviour as its deprecation notice asks. */
function V7Router({ children }: PropsWithChildren<{}>) {
  return (
    <MemoryRouter
      future={{ v7_startTransition: true, v7_relativeSplatPath: true }}
    >
      {children}
    </MemoryRouter>
  );
}

/** The card's only table and the tab's first; the tab's lifecycle table also names each cluster. */
function meshHealthTable() {
  return screen.findByRole('table', { name: 'Mesh health' });
}

describe('legacy exports', () => {
  it.each([
    ['EntityMeshHealthCard', <EntityMeshHealthCard />],
    // A legacy app gives the routable tab a path (EntityLayout.Route does the same).
    [
      'EntityMeshContent',
      <Routes>
        <Route path="/*" element={<EntityMeshContent />} />
      </Routes>,
    ],
  ])('%s renders in a legacy app', async (_name, element) => {
    await renderInTestApp(
      <TestApiProvider apis={[[meshApiRef, meshApi]]}>
        <EntityProvider entity={entity}>{element}</EntityProvider>
      </TestApiProvider>,
      { components: { Router: V7Router } },
    );
    const health = await meshHealthTable();
    expect(await within(health).findByText('cluster-west')).toBeInTheDocument();
    expect(within(health).getByText('degraded')).toBeInTheDocument();
  });
});

describe('/alpha extensions', () => {
  it.each([
    ['entity card', meshEntityCard],
    ['entity content', meshEntityContent],
  ] as const)(
    'the %s renders in the new frontend system',
    async (_name, extension) => {
      const tester = createExtensionTester(extension as typeof meshEntityCard, {
        apis: [[meshApiRef, meshApi]],
      });
      renderInNewApp(
        <EntityProvider entity={entity}>
          {tester.reactElement()}
        </EntityProvider>,
        {
          apis: [[meshApiRef, meshApi]],
        },
      );
      const health = await meshHealthTable();
      expect(
        await within(health).findByText('cluster-west'),
      ).toBeInTheDocument();
      expect(within(health).getByText('healthy')).toBeInTheDocument();
    },
  );
});

describe('isMeshEntity', () => {
  const resource = (type: string): Entity => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: { name: 'r' },
    spec: { type },
  });

  it('shows on kubernetes-cluster Resources and Components with a Kubernetes id only', () => {
    expect(isMeshEntity(resource('kubernetes-cluster'))).toBe(true);
    expect(isMeshEntity(resource('database'))).toBe(false);
    expect(isMeshEntity(entity)).toBe(true);
    expect(isMeshEntity({ ...entity, metadata: { name: 'x' } })).toBe(false);
    expect(isMeshEntity({ ...entity, kind: 'System' })).toBe(false);
  });
});
