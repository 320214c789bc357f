// A fake SMS gateway on 127.0.0.1: a tiny node:http server that records every
// request (method, path, headers, body) and answers as told: like a generic
// JSON API ({ result: { id } }), like SMSC.ru ({ id, cnt } or { error,
// error_code }), or with an HTTP error. Stopping it plays "offline".
import http from 'node:http';

export interface GatewayRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** The body read as JSON or a form, and the query merged in. */
  fields: Record<string, unknown>;
}

export type GatewayAnswer = { status: number; json: unknown };

export class FakeSmsGateway {
  readonly requests: GatewayRequest[] = [];
  /** What the next requests get; by default a generic JSON success with a fresh id. */
  answer: (req: GatewayRequest, n: number) => GatewayAnswer = (_r, n) => ({ status: 200, json: { result: { id: `g-${n}` } } });
  private server: http.Server | null = null;
  port = 0;

  get url(): string {
    return `http://127.0.0.1:${this.port}/send`;
  }

  async start(port = 0): Promise<number> {
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const url = new URL(req.url ?? '/', 'http://x');
        let parsed: Record<string, unknown> = {};
        if (req.headers['content-type']?.includes('json')) parsed = JSON.parse(body) as Record<string, unknown>;
        else if (body) parsed = Object.fromEntries(new URLSearchParams(body));
        const r: GatewayRequest = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body, fields: { ...Object.fromEntries(url.searchParams), ...parsed } };
        this.requests.push(r);
        const a = this.answer(r, this.requests.length);
        res.writeHead(a.status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(a.json));
      });
    });
    this.server = server;
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
    this.port = (server.address() as { port: number }).port;
    return this.port;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }
}
