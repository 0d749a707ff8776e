import assert from 'node:assert/strict';
import { PortalSessions, SigninHistory, HISTORY_LENGTH, safeNext } from '../../../src/portal/index.js';
import { createEmbeddedStore, type Store } from '../../../src/store/index.js';
import { createFakeClock, type FakeClock } from '../../helpers/store-contract.js';
import { makeTempDir, removeTempDir } from '../../helpers/temp-dir.js';

describe('the portal’s sessions, history and return paths', () => {
  let dir: string;
  let store: Store;
  let clock: FakeClock;

  before(async () => {
    dir = await makeTempDir();
    clock = createFakeClock();
    store = await createEmbeddedStore({ dataDir: dir, clock });
  });
  after(async () => {
    await store.close();
    await removeTempDir(dir);
  });

  it('ends a portal session after its lifetime, and never accepts an id of the wrong shape', async () => {
    const sessions = new PortalSessions(store, clock, 15 * 60_000);
    const session = await sessions.create({ userId: 'u1', login: 'alice', amr: ['pwd'], mfa: false });
    assert.match(session.csrf, /^[A-Za-z0-9_-]{32}$/);
    assert.notEqual(session.ref, session.id);
    assert.equal((await sessions.find(session.id))?.userId, 'u1');
    assert.equal(await sessions.find('../etc/passwd'), undefined);
    clock.advance(15 * 60_000);
    assert.equal(await sessions.find(session.id), undefined);
  });

  it('keeps the newest twenty sign-ins of each user, newest first', async () => {
    const history = new SigninHistory(store);
    for (let i = 0; i < HISTORY_LENGTH + 5; i++) await history.record('u1', { time: i, rpId: 'app', rpName: 'App', clientIp: '192.0.2.1', amr: ['pwd'] });
    await history.record('u2', { time: 99, rpId: 'portal', rpName: 'My account', clientIp: '192.0.2.2', amr: ['pwd'] });
    const list = await history.list('u1');
    assert.equal(list.length, HISTORY_LENGTH);
    assert.equal(list[0]!.time, HISTORY_LENGTH + 4);
    assert.deepEqual((await history.list('u2')).map((e) => e.rpId), ['portal']);
  });

  it('returns only to portal paths after a sign-in', () => {
    assert.equal(safeNext('/portal'), '/portal');
    assert.equal(safeNext('/portal/methods/totp/enroll'), '/portal/methods/totp/enroll');
    for (const path of ['https://evil.example/portal', '//evil.example/portal', '/portal/../admin', '/admin', '/portal?x=1', '']) assert.equal(safeNext(path), '/portal', path);
  });
});
