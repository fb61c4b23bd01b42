import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One gateway → subgraph exchange seen by the proxy. */
export interface RecordedFetch {
  subgraph: string;
  body: string;
  sqlStatements: number | null;
}

/**
 * A pass-through HTTP proxy in front of one subgraph that records what the gateway sends it (the exact
 * subgraph operations, representations included) and the SQL statement count the subgraph reports. Used
 * only in the instrumented pass, never in timed runs.
 */
export class RecordingProxy {
  private server?: Server;
  recording: RecordedFetch[] | null = null;

  constructor(
    readonly subgraph: string,
    private readonly targetPort: number,
  ) {}

  async listen(port: number): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks);
        const headers: IncomingHttpHeaders = { ...req.headers, host: `127.0.0.1:${this.targetPort}` };
        const upstream = httpRequest({ host: '127.0.0.1', port: this.targetPort, method: req.method, path: req.url, headers }, (up) => {
          const out: Buffer[] = [];
          up.on('data', (c: Buffer) => out.push(c));
          up.on('end', () => {
            const response = Buffer.concat(out);
            // GraphQL fetches only: the gateway also POSTs catalog's /internal/staff-access for sellers' access.
            if (this.recording && req.method === 'POST' && (req.url ?? '').startsWith('/graphql')) {
              let sqlStatements: number | null = null;
              try {
                const parsed = JSON.parse(response.toString('utf8')) as { extensions?: { sqlStatements?: number } };
                sqlStatements = typeof parsed.extensions?.sqlStatements === 'number' ? parsed.extensions.sqlStatements : null;
              } catch {
                // not JSON; keep null
              }
              this.recording.push({ subgraph: this.subgraph, body: body.toString('utf8'), sqlStatements });
            }
            const { 'content-length': _length, 'transfer-encoding': _encoding, ...rest } = up.headers;
            res.writeHead(up.statusCode ?? 502, { ...rest, 'content-length': String(response.length) });
            res.end(response);
          });
        });
        upstream.on('error', () => {
          res.writeHead(502);
          res.end();
        });
        upstream.end(body);
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
  }

  get port(): number {
    return (this.server!.address() as AddressInfo).port;
  }

  close(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
