import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Starts a plain HTTP server on a free loopback port; returns its base URL and a stopper. */
export async function listenOnFreePort(handler: RequestListener): Promise<{ url: string; server: Server; close(): Promise<void> }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The JSON body of a GraphQL response, as tests read it. */
export interface GraphQLBody {
  data?: Record<string, unknown> | null;
  errors: Array<{ message: string; extensions: Record<string, unknown> }>;
}
