import { ConfigReader } from '@backstage/config';
import { findApplyCluster, listClusterNames } from './clusterConfig';

const TOKEN = 'sa-token-of-lab-0123456789';

const config = (clusters: any[], extraMethods: any[] = []) =>
  new ConfigReader({
    kubernetes: {
      clusterLocatorMethods: [...extraMethods, { type: 'config', clusters }],
    },
  });

const lab = {
  name: 'lab',
  url: 'https://lab.example.com:6443',
  authProvider: 'serviceAccount',
  serviceAccountToken: TOKEN,
  caData: 'Y2E=',
};

describe('findApplyCluster', () => {
  it('reads a serviceAccount cluster of a config locator method', () => {
    const cluster = findApplyCluster(
      config([lab], [{ type: 'catalog' }]),
      'lab',
    );
    expect(cluster).toEqual({
      name: 'lab',
      url: 'https://lab.example.com:6443',
      caData: 'Y2E=',
      caFile: undefined,
      skipTLSVerify: false,
      configKey: 'kubernetes.clusterLocatorMethods[1].clusters[0]',
    });
    expect(cluster.serviceAccountToken).toBe(TOKEN);
  });

  it('keeps the token out of logs and serialization', () => {
    const cluster = findApplyCluster(config([lab]), 'lab');
    expect(JSON.stringify(cluster)).not.toContain(TOKEN);
    expect(Object.keys(cluster)).not.toContain('serviceAccountToken');
  });

  it('names the configured clusters when the cluster is unknown', () => {
    expect(() => findApplyCluster(config([lab]), 'prod')).toThrow(
      'Cluster "prod" is not in kubernetes.clusterLocatorMethods (type: config); configured clusters: lab',
    );
    expect(listClusterNames(config([lab]))).toEqual(['lab']);
  });

  it('names the config key of an unsupported auth provider or a missing token', () => {
    expect(() =>
      findApplyCluster(config([{ ...lab, authProvider: 'google' }]), 'lab'),
    ).toThrow(
      'kubernetes.clusterLocatorMethods[0].clusters[0].authProvider is "google"; mesh:cluster:apply supports "serviceAccount" only',
    );
    const { serviceAccountToken: _t, ...noToken } = lab;
    expect(() => findApplyCluster(config([noToken]), 'lab')).toThrow(
      'kubernetes.clusterLocatorMethods[0].clusters[0].serviceAccountToken is required',
    );
  });

  it.each([
    [
      'ftp://lab.example.com',
      'must use https (or http for a loopback host), got ftp:',
    ],
    ['https://user:pass@lab.example.com', 'must not contain credentials'],
    ['https://lab.example.com/?x=1', 'must not contain a query string'],
    ['https://lab.example.com/#frag', 'must not contain a fragment'],
    ['http://10.0.0.5:6443', 'uses http for the non-loopback host 10.0.0.5'],
    ['not a url', 'must be an absolute http(s) URL'],
  ])('refuses the API server URL %s', (url, message) => {
    let error: Error | undefined;
    try {
      findApplyCluster(config([{ ...lab, url }]), 'lab');
    } catch (e) {
      error = e as Error;
    }
    expect(error?.message).toContain(
      `kubernetes.clusterLocatorMethods[0].clusters[0].url ${message}`,
    );
    expect(error?.message).not.toContain(TOKEN);
  });

  it.each([
    'http://127.0.0.1:8001',
    'http://localhost:8001',
    'http://[::1]:8001',
    'https://10.0.0.5:6443/prefix',
  ])('accepts %s', url => {
    expect(findApplyCluster(config([{ ...lab, url }]), 'lab').url).toBe(
      url.replace(/\/$/, ''),
    );
  });
});
