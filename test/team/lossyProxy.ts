import net from 'node:net';

/**
 * A loopback TCP proxy in front of the team server that can be taken offline (connections
 * refused) or made to lose replies (the request reaches the server, the answer never comes
 * back): the two ways a desktop loses its server on the road.
 */
export class LossyProxy {
  online = true;
  /** Chance that a reply is dropped after the server received the request. */
  dropReplies = 0;
  dropped = 0;
  private server = net.createServer((client) => this.onClient(client));
  private sockets = new Set<net.Socket>();
  port = 0;

  constructor(
    private readonly upstreamPort: number,
    private readonly random: () => number,
  ) {}

  async start(): Promise<string> {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.port = (this.server.address() as net.AddressInfo).port;
    return `http://127.0.0.1:${this.port}`;
  }

  private onClient(client: net.Socket): void {
    if (!this.online) {
      client.destroy();
      return;
    }
    const upstream = net.connect(this.upstreamPort, '127.0.0.1');
    for (const s of [client, upstream]) {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
      s.on('error', () => {});
    }
    client.pipe(upstream);
    upstream.on('data', (chunk) => {
      if (!this.online || this.random() < this.dropReplies) {
        this.dropped++;
        upstream.destroy();
        client.destroy();
        return;
      }
      client.write(chunk);
    });
    upstream.on('end', () => client.end());
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
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
