import { createServer, request, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';

/** One request as the load balancer passed it on. */
export interface ProxiedRequest {
  method: string;
  path: string;
  /** Index of the node that answered. */
  node: number;
}

/**
 * A load balancer for tests: each request goes to the next node in turn (round robin). A node that refuses the
 * connection (killed) is skipped, as a load balancer's health check would, and the request goes to the next one.
 * `pin` sends every request to one node until it is cleared. Every request is logged.
 */
export interface RoundRobinProxy {
  readonly url: string;
  readonly log: ProxiedRequest[];
  setNodes(urls: string[]): void;
  pin(node: number | undefined): void;
  close(): Promise<void>;
}

export async function startRoundRobinProxy(): Promise<RoundRobinProxy> {
  let nodes: URL[] = [];
  let next = 0;
  let pinned: number | undefined;
  const log: ProxiedRequest[] = [];

  const server = createServer((incoming, outgoing) => {
    void forward(incoming, outgoing).catch((error: unknown) => {
      if (!outgoing.headersSent) outgoing.writeHead(502, { 'content-type': 'text/plain' });
      outgoing.end(`load balancer: ${(error as Error).message}`);
    });
  });

  async function forward(incoming: IncomingMessage, outgoing: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of incoming) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const order = pinned !== undefined ? [pinned] : nodes.map((_, offset) => (next + offset) % nodes.length);
    if (pinned === undefined) next = (next + 1) % Math.max(nodes.length, 1);
    let lastError: Error | undefined;
    for (const index of order) {
      try {
        const answer = await send(nodes[index]!, incoming.method ?? 'GET', incoming.url ?? '/', incoming.headers, body);
        // The next request goes to the node after the one that answered, so a skipped node does not get two in a row.
        if (pinned === undefined) next = (index + 1) % nodes.length;
        log.push({ method: incoming.method ?? 'GET', path: incoming.url ?? '/', node: index });
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        for await (const chunk of answer) outgoing.write(chunk);
        outgoing.end();
        return;
      } catch (error) {
        lastError = error as Error;
        if ((error as NodeJS.ErrnoException).code !== 'ECONNREFUSED') throw error;
      }
    }
    throw lastError ?? new Error('no nodes');
  }

  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    log,
    setNodes(urls) {
      nodes = urls.map((url) => new URL(url));
    },
    pin(node) {
      pinned = node;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}

function send(node: URL, method: string, path: string, headers: IncomingHttpHeaders, body: Buffer): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const outgoing = request({ host: node.hostname, port: node.port, method, path, headers: { ...headers, connection: 'close' } }, resolve);
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}
