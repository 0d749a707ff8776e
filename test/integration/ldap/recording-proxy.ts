import { once } from 'node:events';
import net from 'node:net';

/** A TCP proxy in front of a server that keeps every byte clients sent, to see what travels in clear text. */
export async function startRecordingProxy(target: { host: string; port: number }) {
  const sent: Buffer[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(target.port, target.host);
    sockets.add(client).add(upstream);
    client.on('data', (chunk: Buffer) => sent.push(chunk));
    client.pipe(upstream).pipe(client);
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
    client.on('close', () => sockets.delete(client));
    upstream.on('close', () => sockets.delete(upstream));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `ldap://127.0.0.1:${(server.address() as net.AddressInfo).port}`,
    /** Whether the clients ever sent this text in clear. */
    saw: (text: string) => Buffer.concat(sent).includes(Buffer.from(text)),
    /** Cuts every connection, as a server restart or a network blip would. */
    cut: () => sockets.forEach((socket) => socket.destroy()),
    stop: () => {
      sockets.forEach((socket) => socket.destroy());
      server.close();
    },
  };
}
