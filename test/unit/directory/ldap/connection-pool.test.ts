import assert from 'node:assert/strict';
import { BusyError, InvalidCredentialsError, type Client } from 'ldapts';
import { isConnectionError } from '../../../../src/directory/ldap/connection-errors.js';
import { ConnectionPool, MAX_IDLE_MS } from '../../../../src/directory/ldap/connection-pool.js';

interface FakeClient {
  id: number;
  isConnected: boolean;
  unbound: boolean;
  unbind(): Promise<void>;
}

function fakeConnections() {
  const made: FakeClient[] = [];
  const connect = async (): Promise<Client> => {
    const client: FakeClient = { id: made.length + 1, isConnected: true, unbound: false, unbind: async () => void (client.unbound = true) };
    made.push(client);
    return client as unknown as Client;
  };
  return { made, connect };
}

const idOf = (client: Client) => (client as unknown as FakeClient).id;

describe('the LDAP connection pool', () => {
  let now = 0;
  const clock = { now: () => now };

  it('reuses an idle connection rather than opening another', async () => {
    const { made, connect } = fakeConnections();
    const pool = new ConnectionPool(connect, 4, clock);
    assert.equal(await pool.use(async (c) => idOf(c)), 1);
    assert.equal(await pool.use(async (c) => idOf(c)), 1);
    assert.equal(made.length, 1);
  });

  it('never has more than `size` connections in use; the next operation waits for one', async () => {
    const { made, connect } = fakeConnections();
    const pool = new ConnectionPool(connect, 2, clock);
    let busy = 0;
    let most = 0;
    await Promise.all(
      Array.from({ length: 10 }, () =>
        pool.use(async () => {
          most = Math.max(most, ++busy);
          await new Promise((resolve) => setTimeout(resolve, 5));
          busy--;
        }),
      ),
    );
    assert.equal(most, 2);
    assert.equal(made.length, 2);
  });

  it('keeps a connection after an LDAP answer such as invalid credentials', async () => {
    const { made, connect } = fakeConnections();
    const pool = new ConnectionPool(connect, 1, clock);
    await assert.rejects(pool.use(async () => Promise.reject(new InvalidCredentialsError('data 52e'))), InvalidCredentialsError);
    await pool.use(async () => undefined);
    assert.equal(made.length, 1);
  });

  it('keeps the connection, and does not retry, when an operation fails for a reason of its own', async () => {
    const { made, connect } = fakeConnections();
    const pool = new ConnectionPool(connect, 1, clock);
    await pool.use(async () => undefined);
    let calls = 0;
    await assert.rejects(pool.use(async () => (calls++, Promise.reject(new TypeError('x is not a function')))), TypeError);
    assert.equal(calls, 1);
    await pool.use(async () => undefined);
    assert.equal(made.length, 1);
  });

  it('tells connection failures from answers', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:389'), { code: 'ECONNREFUSED' });
    assert.equal(isConnectionError(refused), true);
    assert.equal(isConnectionError(Object.assign(new Error('self-signed certificate in certificate chain'), { code: 'SELF_SIGNED_CERT_IN_CHAIN' })), true);
    assert.equal(isConnectionError(new Error('Connection closed before message response was received. Message type: SearchRequest (0x63)')), true);
    assert.equal(isConnectionError(new Error('BindRequest: Operation timed out')), true);
    assert.equal(isConnectionError(new BusyError('busy')), true);
    assert.equal(isConnectionError(new InvalidCredentialsError('data 52e')), false);
    assert.equal(isConnectionError(new TypeError('x is not a function')), false);
  });

  it('drops a reused connection the server closed and runs the operation once more on a new one', async () => {
    const { made, connect } = fakeConnections();
    const pool = new ConnectionPool(connect, 2, clock);
    await pool.use(async () => undefined);
    let calls = 0;
    const result = await pool.use(async (c) => {
      calls++;
      if (idOf(c) === 1) throw new Error('Connection closed before message response was received');
      return idOf(c);
    });
    assert.equal(result, 2);
    assert.equal(calls, 2);
    assert.equal(made[0]!.unbound, true);
  });

  it('does not run an operation again after a timeout, so a hung server costs one timeout only', async () => {
    const { connect } = fakeConnections();
    const pool = new ConnectionPool(connect, 2, clock);
    await pool.use(async () => undefined);
    let calls = 0;
    await assert.rejects(pool.use(async () => (calls++, Promise.reject(new Error('SearchRequest: Operation timed out')))), /timed out/);
    assert.equal(calls, 1);
  });

  it('replaces connections that are no longer connected or idle too long', async () => {
    const { made, connect } = fakeConnections();
    const pool = new ConnectionPool(connect, 2, clock);
    await pool.use(async () => undefined);
    made[0]!.isConnected = false;
    assert.equal(await pool.use(async (c) => idOf(c)), 2);
    now += MAX_IDLE_MS + 1;
    assert.equal(await pool.use(async (c) => idOf(c)), 3);
    assert.equal(made[1]!.unbound, true);
  });

  it('refuses operations once closed and closes its idle connections', async () => {
    const { made, connect } = fakeConnections();
    const pool = new ConnectionPool(connect, 2, clock);
    await pool.use(async () => undefined);
    await pool.close();
    assert.equal(made[0]!.unbound, true);
    await assert.rejects(pool.use(async () => undefined), /closed/);
  });
});
