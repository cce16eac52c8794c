import http from 'node:http';
import type net from 'node:net';

/**
 * A loopback HTTP proxy in front of the team server that can be taken offline (connections
 * refused) or made to lose replies (the request reaches the server, the answer never comes
 * back): the two ways a desktop loses its server on the road.
 *
 * It works per request, not per TCP chunk: whether a reply is lost is one draw of `random`
 * per reply, so a seeded `random` loses the same replies on every run (how TCP cuts a reply
 * into chunks varies from run to run and would shift the draws).
 */
export class LossyProxy {
  online = true;
  /** Chance that a reply is dropped after the server answered the request. */
  dropReplies = 0;
  dropped = 0;
  private server = http.createServer((req, res) => this.forward(req, res));
  private sockets = new Set<net.Socket>();
  port = 0;

  constructor(
    private readonly upstreamPort: number,
    private readonly random: () => number,
  ) {
    this.server.on('connection', (socket) => {
      if (!this.online) {
        socket.destroy();
        return;
      }
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  async start(): Promise<string> {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.port = (this.server.address() as net.AddressInfo).port;
    return `http://127.0.0.1:${this.port}`;
  }

  private forward(req: http.IncomingMessage, res: http.ServerResponse): void {
    const cut = (): void => void req.socket.destroy();
    if (!this.online) {
      cut();
      return;
    }
    const upstream = http.request(
      { host: '127.0.0.1', port: this.upstreamPort, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        const body: Buffer[] = [];
        answer.on('data', (b: Buffer) => body.push(b));
        answer.on('error', cut);
        answer.on('end', () => {
          // The server has answered (and applied the request): now the reply may be lost.
          if (!this.online || this.random() < this.dropReplies) {
            this.dropped++;
            cut();
            return;
          }
          const whole = Buffer.concat(body);
          const { 'transfer-encoding': _chunked, connection: _c, 'keep-alive': _k, ...headers } = answer.headers;
          res.writeHead(answer.statusCode ?? 502, { ...headers, 'content-length': String(whole.length) });
          res.end(whole);
        });
      },
    );
    upstream.on('error', cut);
    req.pipe(upstream);
  }

  /** Offline at once: new connections refused and the open (keep-alive) ones cut, so nothing reaches the server. */
  cutOff(): void {
    this.online = false;
    for (const s of this.sockets) s.destroy();
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((r) => this.server.close(() => r()));
  }
}
