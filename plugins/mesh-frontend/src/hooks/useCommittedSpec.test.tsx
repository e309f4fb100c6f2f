import { Entity } from '@backstage/catalog-model';
import { TestApiProvider } from '@backstage/frontend-test-utils';
import { parseMeshClusterSpec } from '@mesh-templates/plugin-mesh-common';
import { renderHook, waitFor } from '@testing-library/react';
import { ReactNode } from 'react';
import { MeshSpecApi, meshSpecApiRef } from '../api/MeshSpecApi';
import { useCommittedSpec } from './useCommittedSpec';

const spec = parseMeshClusterSpec({
  cluster: { name: 'cluster-upgrade' },
  istio: { version: '1.30.3', revision: '1-30-3', revisionTags: ['prod'] },
});

function cluster(annotations: Record<string, string> = {}): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: { name: 'cluster-upgrade', namespace: 'default', annotations },
    spec: { type: 'kubernetes-cluster' },
  };
}

const named = cluster({
  'mesh.backstage.io/spec-location': './mesh-cluster.yaml',
});

function renderWith(api: MeshSpecApi, entity: Entity) {
  const wrapper = ({ children }: { children: ReactNode }) => (
    <TestApiProvider apis={[[meshSpecApiRef, api]]}>{children}</TestApiProvider>
  );
  return renderHook(() => useCommittedSpec(entity), { wrapper });
}

describe('useCommittedSpec', () => {
  it('reads the committed spec of an entity that names one, through the MeshSpecApi', async () => {
    const getCommittedSpec = jest
      .fn()
      .mockResolvedValue({ spec, location: 'file:/gitops/mesh-cluster.yaml' });
    const { result } = renderWith({ getCommittedSpec }, named);
    expect(result.current).toEqual({ status: 'loading' });
    await waitFor(() =>
      expect(result.current).toEqual({ status: 'loaded', spec }),
    );
    expect(getCommittedSpec).toHaveBeenCalledTimes(1);
    expect(getCommittedSpec).toHaveBeenCalledWith(
      'resource:default/cluster-upgrade',
    );
  });

  it('asks nothing for an entity that names no spec', async () => {
    const getCommittedSpec = jest.fn();
    const { result } = renderWith({ getCommittedSpec }, cluster());
    expect(result.current).toEqual({ status: 'none' });
    expect(getCommittedSpec).not.toHaveBeenCalled();
  });

  it('reports why the spec could not be read', async () => {
    const error = new Error('not found');
    const { result } = renderWith(
      { getCommittedSpec: jest.fn().mockRejectedValue(error) },
      named,
    );
    await waitFor(() =>
      expect(result.current).toEqual({ status: 'error', error }),
    );
  });

  it('is none in an app without the spec API', () => {
    const { result } = renderHook(() => useCommittedSpec(named), {
      wrapper: ({ children }: { children: ReactNode }) => (
        <TestApiProvider apis={[]}>{children}</TestApiProvider>
      ),
    });
    expect(result.current).toEqual({ status: 'none' });
  });
});
