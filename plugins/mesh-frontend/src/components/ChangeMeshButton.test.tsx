import { Entity } from '@backstage/catalog-model';
import {
  renderInTestApp,
  TestApiProvider,
} from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import {
  parseMeshClusterSpec,
  templateFormValues,
} from '@mesh-templates/plugin-mesh-common';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MeshSpecApi, meshSpecApiRef } from '../api/MeshSpecApi';
import { meshClusterTemplateRouteRef } from '../routes';
import { ChangeMeshButton } from './ChangeMeshButton';
import { UpgradeIstioButton } from './UpgradeIstioButton';

const navigate = jest.fn();
jest.mock('react-router-dom', () => ({
  ...jest.requireActual('react-router-dom'),
  useNavigate: () => navigate,
}));

const spec = parseMeshClusterSpec({
  cluster: { name: 'cluster-east', network: 'network-east' },
  istio: { version: '1.30.1' },
});

const cluster = (annotations: Record<string, string>): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name: 'cluster-east', namespace: 'default', annotations },
  spec: { type: 'kubernetes-cluster' },
});

function renderWith(
  api: MeshSpecApi,
  entity: Entity,
  button: JSX.Element = <ChangeMeshButton />,
) {
  return renderInTestApp(
    <TestApiProvider apis={[[meshSpecApiRef, api]]}>
      <EntityProvider entity={entity}>{button}</EntityProvider>
    </TestApiProvider>,
    {
      mountedRoutes: {
        '/create/templates/:namespace/:templateName':
          meshClusterTemplateRouteRef,
      },
    },
  );
}

/** Renders a button for a cluster whose entity names its committed spec; returns the API's read. */
async function renderWithCommittedSpec(button?: JSX.Element) {
  const getCommittedSpec = jest.fn().mockResolvedValue({
    spec,
    location: 'url:https://github.example.test/o/r/tree/main/x.yaml',
  });
  await renderWith(
    { getCommittedSpec },
    cluster({ 'mesh.backstage.io/spec-location': './mesh-cluster.yaml' }),
    button,
  );
  return getCommittedSpec;
}

describe('ChangeMeshButton', () => {
  beforeEach(() => navigate.mockReset());

  it('opens the Create mesh cluster form with the committed spec as formData', async () => {
    // GIVEN a cluster whose entity names its committed spec
    const getCommittedSpec = await renderWithCommittedSpec();
    // WHEN "Change mesh" is pressed
    await userEvent.click(screen.getByRole('button', { name: 'Change mesh' }));
    // THEN the spec is read for that entity and the template's page opens with the form's values
    await waitFor(() => expect(navigate).toHaveBeenCalledTimes(1));
    expect(getCommittedSpec).toHaveBeenCalledWith(
      'resource:default/cluster-east',
    );
    const link = new URL(navigate.mock.calls[0][0], 'http://app.test');
    expect(link.pathname).toBe('/create/templates/default/create-mesh-cluster');
    const formData = JSON.parse(link.searchParams.get('formData')!);
    expect(formData).toEqual({
      ...templateFormValues(spec),
      delivery: { committedSpec: JSON.parse(JSON.stringify(spec)) },
    });
    expect(formData.istio.version).toBe('1.30.1');
    expect(formData.cluster).toEqual({
      name: 'cluster-east',
      network: 'network-east',
      platform: 'generic',
    });
  });

  it('says why when the spec cannot be read, and stays on the page', async () => {
    await renderWith(
      {
        getCommittedSpec: jest
          .fn()
          .mockRejectedValue(new Error('spec.istio.version: unknown')),
      },
      cluster({ 'mesh.backstage.io/spec-location': './mesh-cluster.yaml' }),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Change mesh' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Could not read the committed spec: spec.istio.version: unknown',
    );
    expect(navigate).not.toHaveBeenCalled();
  });

  it('is not offered on a cluster without a committed spec', async () => {
    await renderWith({ getCommittedSpec: jest.fn() }, cluster({}));
    expect(
      screen.queryByRole('button', { name: 'Change mesh' }),
    ).not.toBeInTheDocument();
  });
});

describe('UpgradeIstioButton', () => {
  beforeEach(() => navigate.mockReset());

  it('opens the Upgrade Istio form with the cluster picked and its committed spec', async () => {
    // GIVEN a cluster whose entity names its committed spec
    const getCommittedSpec = await renderWithCommittedSpec(
      <UpgradeIstioButton />,
    );
    // WHEN "Upgrade Istio" is pressed
    await userEvent.click(
      screen.getByRole('button', { name: 'Upgrade Istio' }),
    );
    // THEN the upgrade template opens with the entity as the cluster and the spec to start from
    await waitFor(() => expect(navigate).toHaveBeenCalledTimes(1));
    expect(getCommittedSpec).toHaveBeenCalledWith(
      'resource:default/cluster-east',
    );
    const link = new URL(navigate.mock.calls[0][0], 'http://app.test');
    expect(link.pathname).toBe('/create/templates/default/upgrade-istio');
    expect(JSON.parse(link.searchParams.get('formData')!)).toEqual({
      upgrade: {
        cluster: 'resource:default/cluster-east',
        committedSpec: JSON.parse(JSON.stringify(spec)),
      },
    });
  });

  it('is not offered on a cluster without a committed spec', async () => {
    await renderWith(
      { getCommittedSpec: jest.fn() },
      cluster({}),
      <UpgradeIstioButton />,
    );
    expect(
      screen.queryByRole('button', { name: 'Upgrade Istio' }),
    ).not.toBeInTheDocument();
  });
});
