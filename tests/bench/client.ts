// An API client for the bench: each call returns the host's server time
// (Server-Timing) and the client's round trip.
export class BenchClient {
  private token = '';
  constructor(readonly base: string) {}

  async login(login: string, password = 'demo'): Promise<this> {
    const res = await fetch(`${this.base}/api/auth.login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login, password }) });
    this.token = ((await res.json()) as { token: string }).token;
    return this;
  }

  get bearer(): string {
    return this.token;
  }

  async call<T = unknown>(method: string, input: unknown): Promise<{ serverMs: number; clientMs: number; body: T }> {
    const started = performance.now();
    const res = await fetch(`${this.base}/api/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${this.token}` },
      body: JSON.stringify(input),
    });
    const body = (await res.json()) as T;
    const clientMs = performance.now() - started;
    if (!res.ok) throw new Error(`${method}: ${JSON.stringify(body)}`);
    const timing = res.headers.get('server-timing')?.match(/dur=([\d.]+)/);
    return { serverMs: timing ? Number(timing[1]) : NaN, clientMs, body };
  }
}
