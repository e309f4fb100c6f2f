import { PrometheusClient } from './PrometheusClient';
import { TransportRequest } from './httpTransport';

function fakeTransport(status: number, body: string) {
  return jest.fn(async (_request: TransportRequest) => ({ status, body }));
}

describe('PrometheusClient', () => {
  const signal = new AbortController().signal;

  it('posts the query to the configured URL only, with the configured headers', async () => {
    const transport = fakeTransport(
      200,
      '{"status":"success","data":{"resultType":"vector","result":[{"metric":{"a":"b"},"value":[1,"2.5"]}]}}',
    );
    const client = new PrometheusClient(
      { url: 'http://prom:9090', headers: { Authorization: 'Bearer t' } },
      transport,
    );
    await expect(client.query('up', { signal, timeSec: 5 })).resolves.toEqual([
      { labels: { a: 'b' }, value: 2.5 },
    ]);
    const [request] = transport.mock.calls[0];
    expect(request.url).toBe('http://prom:9090/api/v1/query');
    expect(request.headers).toEqual({ Authorization: 'Bearer t' });
    expect(request.body).toBe('query=up&time=5');
  });

  it('passes on Prometheus error text, shortened, and never the URL or token', async () => {
    const client = new PrometheusClient(
      {
        url: 'http://secret-host:9090',
        headers: { Authorization: 'Bearer tok' },
      },
      fakeTransport(
        400,
        JSON.stringify({
          status: 'error',
          errorType: 'bad_data',
          error: 'x'.repeat(500),
        }),
      ),
    );
    const error = await client.query('up', { signal }).catch(e => e);
    expect(error.message).toMatch(/^Prometheus answered HTTP 400: x{200}$/);
    expect(error.message).not.toMatch(/secret-host|tok/);
  });

  it('rejects a JSON body of the wrong shape', async () => {
    const client = new PrometheusClient(
      { url: 'http://p', headers: {} },
      fakeTransport(
        200,
        '{"status":"success","data":{"resultType":"matrix","result":[]}}',
      ),
    );
    await expect(client.query('up', { signal })).rejects.toThrow(
      'not a Prometheus API response',
    );
  });
});
