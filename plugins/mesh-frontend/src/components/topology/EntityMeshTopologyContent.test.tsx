import { Entity } from '@backstage/catalog-model';
import {
  renderInTestApp,
  TestApiProvider,
} from '@backstage/frontend-test-utils';
import { catalogApiRef, EntityProvider } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { screen } from '@testing-library/react';
import { meshApiRef } from '../../api/MeshApi';
import { sampleCluster } from '../../testing/sampleHealth';
import { EntityMeshTopologyContent } from './EntityMeshTopologyContent';

const system: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: {
    name: 'mesh-demo',
    namespace: 'default',
    annotations: { 'mesh.backstage.io/mesh-id': 'mesh-demo' },
  },
  spec: { owner: 'team' },
};

const member = (name: string, meshId: string, network: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name,
    namespace: 'default',
    annotations: {
      'mesh.backstage.io/mesh-id': meshId,
      'mesh.backstage.io/network': network,
    },
  },
  spec: { type: 'kubernetes-cluster', owner: 'team' },
});

describe('EntityMeshTopologyContent', () => {
  // jsdom does no SVG layout; DependencyGraph measures each node with getBBox before placing it.
  beforeAll(() => {
    (SVGElement.prototype as any).getBBox = () => ({
      x: 0,
      y: 0,
      width: 230,
      height: 60,
    });
  });
  afterAll(() => {
    delete (SVGElement.prototype as any).getBBox;
  });

  it("draws the mesh's clusters by network with the nearest certificate expiry", async () => {
    const getHealth = jest.fn().mockResolvedValue({
      clusters: [
        sampleCluster('east', 'healthy'),
        sampleCluster('west', 'failing', {
          reasons: ['mesh root CA certificate expires in 5 days'],
          certificates: {
            rootExpiresAt: '2026-12-05T00:00:00.000Z',
            istiodExpiresAt: null,
          },
        }),
        sampleCluster('elsewhere', 'healthy'),
      ],
    });
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [meshApiRef, { getHealth }],
          [
            catalogApiRef,
            catalogApiMock({
              entities: [
                system,
                member('east', 'mesh-demo', 'net-a'),
                member('west', 'mesh-demo', 'net-b'),
                member('elsewhere', 'other-mesh', 'net-a'),
              ],
            }),
          ],
        ]}
      >
        <EntityProvider entity={system}>
          <EntityMeshTopologyContent />
        </EntityProvider>
      </TestApiProvider>,
    );
    expect(
      await screen.findByText(
        '2 cluster(s) on 2 network(s). Nearest certificate expiry: root CA of west on 2026-12-05.',
      ),
    ).toBeInTheDocument();
    // DependencyGraph loads its layout code lazily.
    expect(await screen.findByTestId('cluster:east')).toHaveTextContent(
      'primary · healthy',
    );
    expect(screen.getByTestId('cluster:west')).toHaveTextContent(
      'primary · failing',
    );
    expect(screen.getByTestId('gateway:net-a')).toHaveTextContent(
      'east-west gateway',
    );
    expect(screen.queryByTestId('cluster:elsewhere')).toBeNull();
    // The health table below repeats each member's reasons.
    expect(
      screen.getByText('mesh root CA certificate expires in 5 days'),
    ).toBeInTheDocument();
  });
});
