import { ISTIO_RELEASE_HISTORY } from './istioReleaseHistory';
import {
  createIstioReleaseFacts,
  ISTIO_RELEASE_FACTS,
} from './istioReleaseFacts';

describe('ISTIO_RELEASE_FACTS', () => {
  it('supports 1.17 to 1.31 and defaults to the newest release it validates (1.31.0, on 1.31.0-rc.0 data)', () => {
    expect(ISTIO_RELEASE_FACTS.lines.map(l => l.minor)).toEqual([
      17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31,
    ]);
    expect(ISTIO_RELEASE_FACTS.supportedRange).toBe('1.17.x–1.31.x');
    expect(ISTIO_RELEASE_FACTS.defaultVersion).toBe('1.31.0');
  });

  it('resolves each line from the changes of the lines before it', () => {
    const facts = (version: string) => ISTIO_RELEASE_FACTS.factsFor(version);
    // The in-cluster operator goes with 1.24, the istiod-remote chart too.
    expect(facts('1.23.6').operatorController).toBe(true);
    expect(facts('1.24.0').operatorController).toBe(false);
    expect(facts('1.23.6').istiodRemoteChart).toBe(true);
    expect(facts('1.30.3').istiodRemoteChart).toBe(false);
    // A line without changes repeats the one before it.
    expect(facts('1.26.1')).toEqual({
      ...facts('1.25.0'),
      minor: 26,
      releaseDate: '2025-05-08',
      endOfLife: '2025-12-22',
    });
    expect(facts('1.21.0').networkingApiVersion).toBe(
      'networking.istio.io/v1alpha3',
    );
    expect(facts('1.24.6').networkingApiVersion).toBe('networking.istio.io/v1');
    expect(facts('1.30.3').chartDefaultsWrapper).toBe(
      '_internal_defaults_do_not_set',
    );
  });

  it('finds a supported line only for a plain 1.N.P release in range', () => {
    expect(ISTIO_RELEASE_FACTS.lineOf('1.17.0')?.minor).toBe(17);
    expect(ISTIO_RELEASE_FACTS.lineOf('1.16.9')).toBeUndefined();
    expect(ISTIO_RELEASE_FACTS.lineOf('1.31.0')?.minor).toBe(31);
    expect(ISTIO_RELEASE_FACTS.lineOf('1.32.0')).toBeUndefined();
    expect(ISTIO_RELEASE_FACTS.lineOf('2.20.0')).toBeUndefined();
    expect(ISTIO_RELEASE_FACTS.lineOf('1.30.0-rc.1')).toBeUndefined();
    // The 1.31 facts come from a release candidate, which itself is never a spec version.
    expect(ISTIO_RELEASE_FACTS.lineOf('1.31.0-rc.0')).toBeUndefined();
    expect(() => ISTIO_RELEASE_FACTS.factsFor('1.32.0')).toThrow(
      'Istio 1.32.0 is not a supported release (1.17.x–1.31.x)',
    );
  });

  it('names the first release with a fact, or the one after the newest', () => {
    expect(ISTIO_RELEASE_FACTS.firstMinorWhere(l => l.ambient)).toBe(22);
    expect(
      ISTIO_RELEASE_FACTS.firstMinorWhere(l => l.servedApiVersions.length > 3),
    ).toBe(32);
  });

  it('checks a line against its own conformance release or the nearest older one', () => {
    expect(ISTIO_RELEASE_FACTS.conformanceReleaseFor('1.17.0')).toBe('1.17.8');
    expect(ISTIO_RELEASE_FACTS.conformanceReleaseFor('1.22.8')).toBe('1.20.8');
    expect(ISTIO_RELEASE_FACTS.conformanceReleaseFor('1.30.0')).toBe('1.30.3');
    expect(ISTIO_RELEASE_FACTS.conformanceReleaseFor('1.31.2')).toBe(
      '1.31.0-rc.0',
    );
    expect(ISTIO_RELEASE_FACTS.conformanceReleaseFor('1.16.0')).toBeUndefined();
    expect(
      ISTIO_RELEASE_FACTS.lines.map(l => l.conformanceRelease).filter(Boolean),
    ).toEqual([
      '1.17.8',
      '1.20.8',
      '1.23.6',
      '1.24.6',
      '1.27.9',
      '1.30.3',
      '1.31.0-rc.0',
    ]);
  });

  it("carries each line's upstream support window, without an end of life until announced", () => {
    expect(ISTIO_RELEASE_FACTS.lineOf('1.28.4')).toMatchObject({
      releaseDate: '2025-11-05',
      endOfLife: '2026-05-31',
    });
    expect(ISTIO_RELEASE_FACTS.lineOf('1.17.0')?.endOfLife).toBe('2023-10-27');
    expect(ISTIO_RELEASE_FACTS.lineOf('1.30.3')?.releaseDate).toBe(
      '2026-05-18',
    );
    expect(ISTIO_RELEASE_FACTS.lineOf('1.30.3')?.endOfLife).toBeUndefined();
    expect(
      ISTIO_RELEASE_FACTS.lineOf({ major: 1, minor: 29, patch: 0 })?.endOfLife,
    ).toBe('2026-08-31');
    expect(ISTIO_RELEASE_FACTS.lineOf('1.16.0')).toBeUndefined();
    // 1.31's first patch has no date in the data (it holds 1.31.0-rc.0); every other line has one.
    expect(
      ISTIO_RELEASE_FACTS.lines
        .filter(l => !/^\d{4}-\d{2}-\d{2}$/.test(l.releaseDate ?? ''))
        .map(l => l.minor),
    ).toEqual([31]);
    expect(ISTIO_RELEASE_FACTS.lineOf('1.31.0')?.endOfLife).toBeUndefined();
  });

  it('accepts 1.31 as one entry: the Gateway API it needs and its compatibility profiles', () => {
    // GIVEN 1.30 and 1.31 as the conformance data (SOURCES.md, 1.30.3 -> 1.31.0-rc.0) records them
    const previous = ISTIO_RELEASE_FACTS.factsFor('1.30.3');
    const current = ISTIO_RELEASE_FACTS.factsFor('1.31.0');
    // THEN 1.31 needs Gateway API v1.6.0 where 1.30 needs v1.5.1, and lines the data says nothing for have none
    expect(previous.gatewayApiVersion).toBe('v1.5.1');
    expect(current.gatewayApiVersion).toBe('v1.6.0');
    expect(ISTIO_RELEASE_FACTS.factsFor('1.29.0').gatewayApiVersion).toBe(
      undefined,
    );
    // AND its charts add the compatibilityVersion 1.30 profile
    expect(current.compatibilityVersions).toEqual([
      ...previous.compatibilityVersions,
      '1.30',
    ]);
    expect(
      ISTIO_RELEASE_FACTS.factsFor('1.22.0').compatibilityVersions,
    ).toEqual([]);
    // AND everything else (chart names and keys, API versions, no operator, no istiod-remote chart) is 1.30's
    expect(current).toEqual({
      ...previous,
      minor: 31,
      conformanceRelease: '1.31.0-rc.0',
      releaseDate: undefined,
      endOfLife: undefined,
      gatewayApiVersion: 'v1.6.0',
      compatibilityVersions: current.compatibilityVersions,
    });
    expect(current).toMatchObject({
      operatorController: false,
      istiodRemoteChart: false,
      networkingApiVersion: 'networking.istio.io/v1',
      securityApiVersion: 'security.istio.io/v1',
      ambientEastWestApiVersion: 'gateway.networking.k8s.io/v1',
    });
  });

  it('takes a new release as one more entry', () => {
    // GIVEN the history with a hypothetical 1.99 that changes the PodMonitor label
    const facts = createIstioReleaseFacts({
      ...ISTIO_RELEASE_HISTORY,
      minors: [
        ...ISTIO_RELEASE_HISTORY.minors,
        { minor: 99, changes: { podMonitorPodLabel: 'pod_v99' } },
      ],
    });
    // THEN 1.99 is supported, inherits 1.31's facts and carries its change
    expect(facts.supportedRange).toBe('1.17.x–1.99.x');
    expect(facts.factsFor('1.99.0')).toEqual({
      ...ISTIO_RELEASE_FACTS.factsFor('1.31.0'),
      minor: 99,
      conformanceRelease: undefined,
      releaseDate: undefined,
      endOfLife: undefined,
      podMonitorPodLabel: 'pod_v99',
    });
    expect(facts.conformanceReleaseFor('1.99.0')).toBe('1.31.0-rc.0');
  });

  it('refuses a history out of order or with an unsupported default', () => {
    expect(() =>
      createIstioReleaseFacts({
        ...ISTIO_RELEASE_HISTORY,
        minors: [...ISTIO_RELEASE_HISTORY.minors, { minor: 31 }],
      }),
    ).toThrow('1.31 must come after 1.31');
    expect(() =>
      createIstioReleaseFacts({
        ...ISTIO_RELEASE_HISTORY,
        defaultVersion: '1.32.0',
      }),
    ).toThrow('default 1.32.0 is not a supported release');
  });
});
