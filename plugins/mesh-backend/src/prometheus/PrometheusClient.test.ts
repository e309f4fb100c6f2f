import { PrometheusClient } from './PrometheusClient';

function fakeFetch(status: number, body: string) {
  return jest.fn(
    async (_url: string | URL | Request, _init?: RequestInit) =>
      new Response(body, { status }),
  );
}

describe('PrometheusClient', () => {
  const signal = new AbortController().signal;

  it('posts the query to the configured URL only, with the configured headers, and no redirects', async () => {
    const fetchFn = fakeFetch(
      200,
      '{"status":"success","data":{"resultType":"vector","result":[{"metric":{"a":"b"},"value":[1,"2.5"]}]}}',
    );
    const client = new PrometheusClient(
      { url: 'http://prom:9090', headers: { Authorization: 'Bearer t' } },
      fetchFn as unknown as typeof fetch,
    );
    await expect(client.query('up', { signal, timeSec: 5 })).resolves.toEqual([
      { labels: { a: 'b' }, value: 2.5 },
    ]);
    const [url, init] = fetchFn.mock.calls[0];
    expect(url).toBe('http://prom:9090/api/v1/query');
    expect(init?.redirect).toBe('error');
    expect((init?.headers as Record<string, string>).Authorization).toBe(
      'Bearer t',
    );
    expect(String(init?.body)).toBe('query=up&time=5');
  });

  it('passes on Prometheus error text, shortened, and never the URL or token', async () => {
    const client = new PrometheusClient(
      {
        url: 'http://secret-host:9090',
        headers: { Authorization: 'Bearer tok' },
      },
      fakeFetch(
        400,
        JSON.stringify({
          status: 'error',
          errorType: 'bad_data',
          error: 'x'.repeat(500),
        }),
      ) as unknown as typeof fetch,
    );
    const error = await client.query('up', { signal }).catch(e => e);
    expect(error.message).toMatch(/^Prometheus answered HTTP 400: x{200}$/);
    expect(error.message).not.toMatch(/secret-host|tok/);
  });

  it('rejects a JSON body of the wrong shape', async () => {
    const client = new PrometheusClient(
      { url: 'http://p', headers: {} },
      fakeFetch(
        200,
        '{"status":"success","data":{"resultType":"matrix","result":[]}}',
      ) as unknown as typeof fetch,
    );
    await expect(client.query('up', { signal })).rejects.toThrow(
      'not a Prometheus API response',
    );
  });
});
