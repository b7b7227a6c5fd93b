// A TCP forwarder between a server and PostgreSQL that a test can cut: silently, as a network
// partition does (nothing passes and nothing closes), or loudly (every connection dropped and new
// ones refused, as when the database's host goes away).
import net from 'node:net';

interface Pair {
  client: net.Socket;
  upstream?: net.Socket;
}

export class TcpForwarder {
  private server: net.Server | undefined;
  private readonly pairs = new Set<Pair>();
  private silent = false;
  port = 0;

  constructor(private readonly target: { host: string; port: number }) {}

  /** Listens (again, on the same port after `refuse`) and forwards. */
  async open(): Promise<void> {
    this.silent = false;
    for (const pair of this.pairs) {
      if (pair.upstream) this.flow(pair);
      // Held while silent: their clients have given up by now.
      else pair.client.destroy();
    }
    if (this.server) return;
    const server = net.createServer((client) => this.accept(client));
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.port = (server.address() as net.AddressInfo).port;
    this.server = server;
  }

  /** A partition: open connections stop passing data, new ones are accepted and never answered. */
  silence(): void {
    this.silent = true;
    for (const pair of this.pairs) {
      pair.client.unpipe();
      pair.upstream?.unpipe();
      pair.client.pause();
      pair.upstream?.pause();
    }
  }

  /** Drops every connection and refuses new ones. */
  async refuse(): Promise<void> {
    for (const pair of this.pairs) {
      pair.client.destroy();
      pair.upstream?.destroy();
    }
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise((resolve) => server.close(resolve));
  }

  async close(): Promise<void> {
    await this.refuse();
  }

  private accept(client: net.Socket) {
    const pair: Pair = { client };
    this.pairs.add(pair);
    const drop = () => {
      client.destroy();
      pair.upstream?.destroy();
      this.pairs.delete(pair);
    };
    client.on('error', drop).on('close', drop);
    if (this.silent) return client.pause();
    pair.upstream = net.connect(this.target.port, this.target.host);
    pair.upstream.on('error', drop).on('close', drop);
    this.flow(pair);
  }

  private flow(pair: Pair) {
    pair.client.pipe(pair.upstream as net.Socket);
    pair.upstream?.pipe(pair.client);
  }
}
