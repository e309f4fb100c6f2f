import { SAIL_OPERATOR_FACTS, sailInstallsIstio } from '../istio';
import { safeParseMeshClusterSpec } from './parseMeshClusterSpec';

function issuesOf(istio: Record<string, unknown>) {
  const result = safeParseMeshClusterSpec({
    cluster: { name: 'a', network: 'net-a' },
    istio,
  });
  return result.success ? [] : result.issues;
}

describe('installMethod sail', () => {
  it('accepts the Istio releases the Sail Operator release installs, with a revision and tag', () => {
    const result = safeParseMeshClusterSpec({
      cluster: { name: 'a', network: 'net-a' },
      istio: {
        version: '1.30.3',
        installMethod: 'sail',
        revision: 'prod',
        revisionTags: ['stable'],
      },
    });
    expect(result.success).toBe(true);
    expect(issuesOf({ version: '1.28.0', installMethod: 'sail' })).toEqual([]);
    expect(
      issuesOf({
        version: '1.29.2',
        installMethod: 'sail',
        dataplane: 'ambient',
        profile: 'ambient',
      }),
    ).toEqual([]);
  });

  it.each(['1.31.0', '1.27.5', '1.23.6'])(
    'refuses Istio %s on istio.version, naming the range Sail installs',
    version => {
      expect(issuesOf({ version, installMethod: 'sail' })).toEqual([
        expect.objectContaining({
          path: 'istio.version',
          message: expect.stringContaining(
            `Istio ${version} is not installed by the Sail Operator 1.30.3 (installMethod sail supports Istio 1.28.0–1.30.3)`,
          ),
        }),
      ]);
    },
  );

  it('refuses a revision without a tag, because Sail suffixes revision names with the version', () => {
    expect(
      issuesOf({ version: '1.30.3', installMethod: 'sail', revision: 'prod' }),
    ).toEqual([
      expect.objectContaining({
        path: 'istio.revisionTags',
        message: expect.stringContaining('Sail names the revisions prod-v'),
      }),
    ]);
  });

  it('records the Sail release facts from its versions.yaml', () => {
    expect(SAIL_OPERATOR_FACTS).toEqual({
      operatorVersion: '1.30.3',
      apiVersion: 'sailoperator.io/v1',
      oldestIstioVersion: '1.28.0',
      newestIstioVersion: '1.30.3',
    });
    expect(sailInstallsIstio('1.30.3')).toBe(true);
    expect(sailInstallsIstio('1.30.4')).toBe(false);
    expect(sailInstallsIstio('v1.30.3')).toBe(false);
  });
});
