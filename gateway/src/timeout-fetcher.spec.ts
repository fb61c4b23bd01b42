import { createTimeoutFetcher } from './timeout-fetcher';
import { listenOnFreePort } from './testing/http';

describe('createTimeoutFetcher', () => {
  it('rejects with SUBGRAPH_TIMEOUT when the subgraph never answers', async () => {
    const silent = await listenOnFreePort(() => {
      /* accept the request, never answer */
    });
    try {
      const fetcher = createTimeoutFetcher('orders', 200);
      await expect(fetcher(silent.url, { method: 'POST', body: '{}' })).rejects.toMatchObject({
        extensions: { code: 'SUBGRAPH_TIMEOUT', serviceName: 'orders' },
      });
    } finally {
      await silent.close();
    }
  });

  it('rejects with SUBGRAPH_TIMEOUT when the body stalls after the headers', async () => {
    const stalling = await listenOnFreePort((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"data":');
    });
    try {
      await expect(createTimeoutFetcher('orders', 200)(stalling.url)).rejects.toMatchObject({
        extensions: { code: 'SUBGRAPH_TIMEOUT' },
      });
    } finally {
      await stalling.close();
    }
  });

  it('rejects with SUBGRAPH_UNAVAILABLE when nothing listens, without leaking the URL', async () => {
    const gone = await listenOnFreePort(() => undefined);
    await gone.close();
    const error = await createTimeoutFetcher('catalog', 1000)(gone.url).catch((e: unknown) => e);
    expect(error).toMatchObject({
      message: 'A service needed for this part of the answer is unavailable; retry later',
      extensions: { code: 'SUBGRAPH_UNAVAILABLE' },
    });
  });

  it('returns a complete response when the subgraph answers in time', async () => {
    const ok = await listenOnFreePort((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'x-echo-method': req.method ?? '' });
      res.end('{"data":{"ok":true}}');
    });
    try {
      const response = await createTimeoutFetcher('catalog', 1000)(ok.url, { method: 'POST', body: '{}' });
      expect(response.status).toBe(200);
      expect(response.headers.get('x-echo-method')).toBe('POST');
      expect(await response.json()).toEqual({ data: { ok: true } });
    } finally {
      await ok.close();
    }
  });

  it('leaves no timer behind once the subgraph has answered', async () => {
    const ok = await listenOnFreePort((_req, res) => res.end('{"data":{}}'));
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    try {
      await createTimeoutFetcher('catalog', 60_000)(ok.url, { method: 'POST', body: '{}' });
      expect(jest.getTimerCount()).toBe(0);
    } finally {
      jest.useRealTimers();
      await ok.close();
    }
  });
});
