import { structuralProblems } from './structuralChecks';

describe('structural checks of the Sail kinds', () => {
  it('accepts an Istio and an IstioRevisionTag as the Sail pack renders them', () => {
    expect(
      structuralProblems({
        apiVersion: 'sailoperator.io/v1',
        kind: 'Istio',
        metadata: { name: 'prod' },
        spec: { version: 'v1.30.3', namespace: 'istio-system', values: {} },
      }),
    ).toEqual([]);
    expect(
      structuralProblems({
        apiVersion: 'sailoperator.io/v1',
        kind: 'IstioRevisionTag',
        metadata: { name: 'stable' },
        spec: { targetRef: { kind: 'Istio', name: 'prod' } },
      }),
    ).toEqual([]);
  });

  it('names an unknown spec key and a missing targetRef', () => {
    expect(
      structuralProblems({
        apiVersion: 'sailoperator.io/v1',
        kind: 'Istio',
        metadata: { name: 'prod' },
        spec: { version: 'v1.30.3', revision: 'prod' },
      }),
    ).toEqual([
      {
        path: 'spec.revision',
        message:
          'unknown field: Istio spec accepts namespace, profile, updateStrategy, values, version',
      },
    ]);
    expect(
      structuralProblems({
        apiVersion: 'sailoperator.io/v1',
        kind: 'IstioRevisionTag',
        metadata: { name: 'stable' },
        spec: {},
      }),
    ).toEqual([{ path: 'spec.targetRef', message: 'is required' }]);
  });
});
