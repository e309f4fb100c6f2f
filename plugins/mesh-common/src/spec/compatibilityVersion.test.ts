import { ISTIO_RELEASE_FACTS } from '../istio';
import { offeredCompatibilityVersions } from './compatibilityVersion';
import {
  parseMeshClusterSpec,
  safeParseMeshClusterSpec,
} from './parseMeshClusterSpec';

function issuesOf(istio: Record<string, unknown>) {
  const result = safeParseMeshClusterSpec({
    cluster: { name: 'a', network: 'net-a' },
    istio,
  });
  return result.success ? [] : result.issues;
}

describe('istio.compatibilityVersion', () => {
  it('is absent unless set, and keeps a profile the release offers', () => {
    // GIVEN a spec without it THEN it stays absent
    expect(
      parseMeshClusterSpec({ cluster: { name: 'a', network: 'net-a' } }).istio
        .compatibilityVersion,
    ).toBeUndefined();
    // GIVEN 1.30.3, whose charts ship compatibility-version-1.25 … 1.29 THEN those parse
    for (const compatibilityVersion of ['1.25', '1.29']) {
      expect(issuesOf({ version: '1.30.3', compatibilityVersion })).toEqual([]);
    }
    expect(
      issuesOf({ version: '1.31.0', compatibilityVersion: '1.30' }),
    ).toEqual([]);
  });

  it('refuses a profile the release no longer ships, naming what it offers', () => {
    expect(
      issuesOf({ version: '1.30.3', compatibilityVersion: '1.24' }),
    ).toEqual([
      expect.objectContaining({
        path: 'istio.compatibilityVersion',
        message: expect.stringContaining(
          '1.24 is not a compatibility profile of Istio 1.30.3 (it offers 1.25–1.29); unset it or pick one it offers',
        ),
      }),
    ]);
  });

  it('refuses the running release itself or a newer one: a profile keeps an older behaviour', () => {
    expect(
      issuesOf({ version: '1.30.3', compatibilityVersion: '1.30' }),
    ).toEqual([
      expect.objectContaining({
        path: 'istio.compatibilityVersion',
        message: expect.stringContaining(
          "1.30 is not older than Istio 1.30.3: a compatibility profile keeps an older release's behaviour (it offers 1.25–1.29)",
        ),
      }),
    ]);
  });

  it('refuses any profile before the charts had them (1.23)', () => {
    expect(
      issuesOf({ version: '1.22.0', compatibilityVersion: '1.21' }),
    ).toEqual([
      expect.objectContaining({
        path: 'istio.compatibilityVersion',
        message: expect.stringContaining('(it offers none)'),
      }),
    ]);
  });

  it.each(['1.24.0', 'v1.24', '1', '1.x', '1.24\n'])(
    'refuses %j: not a minor release 1.N',
    compatibilityVersion => {
      expect(issuesOf({ version: '1.30.3', compatibilityVersion })).toEqual([
        expect.objectContaining({
          path: 'istio.compatibilityVersion',
          message: expect.stringContaining('an Istio minor release 1.N'),
        }),
      ]);
    },
  );

  it('names the offered profiles as a range, from the release facts', () => {
    expect(
      offeredCompatibilityVersions(ISTIO_RELEASE_FACTS.factsFor('1.27.9')),
    ).toBe('1.24–1.26');
    expect(
      offeredCompatibilityVersions(ISTIO_RELEASE_FACTS.factsFor('1.31.0')),
    ).toBe('1.25–1.30');
    expect(
      offeredCompatibilityVersions({ compatibilityVersions: ['1.30'] }),
    ).toBe('1.30');
  });
});
