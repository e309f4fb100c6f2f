import { schemaProblems } from './schemaProblems';

describe('schemaProblems', () => {
  it('accepts a valid cross-network Gateway', () => {
    // GIVEN the upstream cross-network Gateway shape WHEN checked THEN there is no problem
    expect(
      schemaProblems({
        apiVersion: 'networking.istio.io/v1',
        kind: 'Gateway',
        metadata: { name: 'cross-network-gateway', namespace: 'istio-system' },
        spec: {
          selector: { istio: 'eastwestgateway' },
          servers: [
            {
              port: { number: 15443, name: 'tls', protocol: 'TLS' },
              tls: { mode: 'AUTO_PASSTHROUGH' },
              hosts: ['*.local'],
            },
          ],
        },
      }),
    ).toEqual([]);
  });

  it('reports a wrong type, a missing field and an unknown field with their field paths', () => {
    // GIVEN a Gateway whose port number is a string, whose server lacks hosts and has a typo'd key
    const problems = schemaProblems({
      apiVersion: 'networking.istio.io/v1',
      kind: 'Gateway',
      metadata: { name: 'gw', namespace: 'istio-system' },
      spec: {
        servers: [
          {
            port: { number: 'https', name: 'tls', protocol: 'TLS' },
            tsl: { mode: 'SIMPLE' },
          },
        ],
      },
    });
    // THEN each is reported at its path
    expect(problems).toEqual(
      expect.arrayContaining([
        { path: 'spec.servers[0].port.number', message: 'must be integer' },
        { path: 'spec.servers[0].hosts', message: 'is required' },
        expect.objectContaining({
          path: 'spec.servers[0].tsl',
          message: expect.stringContaining('unknown field'),
        }),
      ]),
    );
    expect(problems).toHaveLength(3);
  });

  it('reports unknown fields of core kinds, including in metadata, but accepts any label key', () => {
    const problems = schemaProblems({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        name: 'istio-system',
        labels: { 'topology.istio.io/network': 'net1' },
        label: {},
      },
      spec: { finalizers: ['kubernetes'], extra: true },
    });
    expect(problems.map(p => p.path)).toEqual(['metadata.label', 'spec.extra']);
  });

  it('accepts free-form fields: IstioOperator spec and OpenTelemetryCollector config', () => {
    expect(
      schemaProblems({
        apiVersion: 'install.istio.io/v1alpha1',
        kind: 'IstioOperator',
        metadata: { name: 'control-plane', namespace: 'istio-system' },
        spec: { profile: 'demo', values: { global: { network: 'n1' } } },
      }),
    ).toEqual([]);
    expect(
      schemaProblems({
        apiVersion: 'opentelemetry.io/v1beta1',
        kind: 'OpenTelemetryCollector',
        metadata: { name: 'otel', namespace: 'observability' },
        spec: {
          config: {
            receivers: { otlp: { protocols: { grpc: {} } } },
            exporters: { debug: {} },
            service: {
              pipelines: {
                traces: { receivers: ['otlp'], exporters: ['debug'] },
              },
            },
          },
        },
      }),
    ).toEqual([]);
  });

  it('reports enum violations with the allowed values', () => {
    const problems = schemaProblems({
      apiVersion: 'security.istio.io/v1',
      kind: 'PeerAuthentication',
      metadata: { name: 'default', namespace: 'istio-system' },
      spec: { mtls: { mode: 'STRICTEST' } },
    });
    expect(problems).toEqual([
      {
        path: 'spec.mtls.mode',
        message: expect.stringMatching(/^must be one of .*"STRICT"/),
      },
    ]);
  });

  it('gives kinds without a model a structural check (MetalLB, Kiali)', () => {
    expect(
      schemaProblems({
        apiVersion: 'metallb.io/v1beta1',
        kind: 'IPAddressPool',
        metadata: { name: 'pool', namespace: 'metallb-system' },
        spec: { adresses: ['10.0.0.1/32'] },
      }),
    ).toEqual([
      {
        path: 'spec.adresses',
        message: expect.stringContaining('unknown field'),
      },
      { path: 'spec.addresses', message: 'is required' },
    ]);
    expect(
      schemaProblems({
        apiVersion: 'kiali.io/v1alpha1',
        kind: 'Kiali',
        metadata: { name: 'Kiali!' },
        spec: { auth: { strategy: 'token' } },
      }),
    ).toEqual([
      { path: 'metadata.name', message: expect.stringContaining('DNS-1123') },
    ]);
  });
});
