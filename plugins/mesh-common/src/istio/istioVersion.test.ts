import { parseIstioVersion, parseReportedIstioVersion } from './istioVersion';

describe('parseIstioVersion', () => {
  it('reads a plain release version', () => {
    expect(parseIstioVersion('1.30.3')).toEqual({
      major: 1,
      minor: 30,
      patch: 3,
    });
  });

  it.each([
    '1.30',
    '1.31.0-rc.0',
    '1.30.3+build.1',
    'v1.30.3',
    ' 1.30.3',
    '01.30.3',
    '1.30.x',
    '',
  ])('refuses %j', text => {
    expect(parseIstioVersion(text)).toBeUndefined();
  });
});

describe('parseReportedIstioVersion', () => {
  it.each(['1.22.1', 'v1.22.1', '1.22.1-solo', '1.22.1+build.7'])(
    'reads the release %j was cut from',
    reported => {
      expect(parseReportedIstioVersion(reported)).toEqual({
        major: 1,
        minor: 22,
        patch: 1,
      });
    },
  );

  it.each(['unknown', '1.22', ''])('refuses %j', reported => {
    expect(parseReportedIstioVersion(reported)).toBeUndefined();
  });
});
