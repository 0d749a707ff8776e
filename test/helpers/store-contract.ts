import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Store } from '../../src/store/types.js';

/** A clock the test moves by hand. */
export interface FakeClock {
  now(): number;
  advance(ms: number): void;
}

/** A fake clock starting at a fixed, arbitrary instant. */
export function createFakeClock(start = Date.UTC(2030, 0, 1)): FakeClock {
  let now = start;
  return {
    now: () => now,
    advance: (ms) => {
      now += ms;
    },
  };
}

/** One fresh, empty store per test. `clock`, when given, is the store's clock and TTL tests use it. */
export interface StoreUnderTest {
  store: Store;
  clock?: FakeClock;
  cleanup(): Promise<void>;
}

/**
 * The behaviour every Store implementation promises (src/store/types.ts). Each implementation runs this suite
 * with a factory that returns an empty store. Without a fake clock the TTL tests sleep on short real TTLs,
 * so a Redis store can run it too.
 */
export function describeStoreContract(name: string, makeStore: () => Promise<StoreUnderTest>): void {
  describe(`${name} honours the Store contract`, function () {
    let subject: StoreUnderTest;
    let store: Store;

    beforeEach(async function () {
      subject = await makeStore();
      store = subject.store;
    });

    afterEach(async function () {
      await subject.cleanup();
    });

    /** TTLs of `short` ms; elapse moves fake time or sleeps. Real-time margins are wide enough for a busy CI. */
    const short = (): number => (subject.clock ? 1_000 : 50);
    const long = (): number => (subject.clock ? 1_000 : 300);
    const elapse = async (ms: number): Promise<void> => {
      if (subject.clock) subject.clock.advance(ms);
      else await sleep(ms);
    };

    describe('ephemeral values', function () {
      it('get gives undefined for a key that was never set', async function () {
        assert.equal(await store.get('never-set'), undefined);
      });

      it('set then get gives back an equal value of every JSON type', async function () {
        const values = [{ a: 1, nested: { list: [1, 'two', true, null] } }, [1, 2, 3], 'text', 42, 0, false, true];
        for (const [index, value] of values.entries()) await store.set(`value-${index}`, value, 60_000);
        for (const [index, value] of values.entries()) assert.deepEqual(await store.get(`value-${index}`), value);
      });

      it('a value set to null reads back as null, not as absent', async function () {
        await store.set('null-value', null, 60_000);
        assert.equal(await store.get('null-value'), null);
      });

      it('set replaces an earlier value and its TTL', async function () {
        await store.set('replaced', 'first', short());
        await store.set('replaced', 'second', 60_000);
        await elapse(short() * 2);
        assert.equal(await store.get('replaced'), 'second');
      });

      it('a value is gone once its TTL has passed', async function () {
        await store.set('expiring', { x: 1 }, short());
        assert.deepEqual(await store.get('expiring'), { x: 1 });
        await elapse(short() * 2);
        assert.equal(await store.get('expiring'), undefined);
      });

      it('get gives a copy, so mutating what was set or what was got does not change the stored value', async function () {
        const original = { list: [1], inner: { flag: true } };
        await store.set('copied', original, 60_000);
        original.list.push(2);
        original.inner.flag = false;
        const read = await store.get<typeof original>('copied');
        assert.deepEqual(read, { list: [1], inner: { flag: true } });
        read?.list.push(3);
        assert.deepEqual(await store.get('copied'), { list: [1], inner: { flag: true } });
      });

      it('delete removes a value, and deleting an absent key is not an error', async function () {
        await store.set('deleted', 1, 60_000);
        await store.delete('deleted');
        await store.delete('never-there');
        assert.equal(await store.get('deleted'), undefined);
      });

      it('delete also removes a set stored under the same key', async function () {
        await store.addToSet('deleted-set', 'a', 60_000);
        await store.delete('deleted-set');
        assert.deepEqual(await store.setMembers('deleted-set'), []);
      });
    });

    describe('setIfAbsent', function () {
      it('setIfAbsent writes only the first time and says which call wrote', async function () {
        assert.equal(await store.setIfAbsent('nonce', 'first', 60_000), true);
        assert.equal(await store.setIfAbsent('nonce', 'second', 60_000), false);
        assert.equal(await store.get('nonce'), 'first');
      });

      it('setIfAbsent writes again once the earlier value has expired', async function () {
        assert.equal(await store.setIfAbsent('expiring-nonce', 'first', short()), true);
        await elapse(short() * 2);
        assert.equal(await store.setIfAbsent('expiring-nonce', 'second', 60_000), true);
        assert.equal(await store.get('expiring-nonce'), 'second');
      });

      it('setIfAbsent lets exactly one of many concurrent callers write', async function () {
        const results = await Promise.all(
          Array.from({ length: 50 }, (_, index) => store.setIfAbsent('contested', index, 60_000)),
        );
        assert.equal(results.filter(Boolean).length, 1);
        assert.equal(await store.get('contested'), results.indexOf(true));
      });
    });

    describe('take', function () {
      it('take gives the value and removes it', async function () {
        await store.set('taken', { code: 'abc' }, 60_000);
        assert.deepEqual(await store.take('taken'), { code: 'abc' });
        assert.equal(await store.get('taken'), undefined);
        assert.equal(await store.take('taken'), undefined);
      });

      it('take gives undefined for an absent key', async function () {
        assert.equal(await store.take('never-set'), undefined);
      });

      it('take gives the value to exactly one of many concurrent callers', async function () {
        await store.set('one-time', 'code', 60_000);
        const results = await Promise.all(Array.from({ length: 50 }, () => store.take('one-time')));
        assert.deepEqual(
          results.filter((result) => result !== undefined),
          ['code'],
        );
      });

      it('take does not give a value whose TTL has passed', async function () {
        await store.set('stale-code', 'code', short());
        await elapse(short() * 2);
        assert.equal(await store.take('stale-code'), undefined);
      });
    });

    describe('counters', function () {
      it('increment starts from zero and returns the new value', async function () {
        assert.equal(await store.increment('count', 60_000), 1);
        assert.equal(await store.increment('count', 60_000), 2);
        assert.equal(await store.increment('count', 60_000, 5), 7);
        assert.equal(await store.increment('count', 60_000, -3), 4);
      });

      it('get reads a counter as a number', async function () {
        await store.increment('readable', 60_000, 3);
        assert.equal(await store.get('readable'), 3);
      });

      it('increment is atomic: concurrent increments each get a distinct new value and none is lost', async function () {
        const results = await Promise.all(Array.from({ length: 100 }, () => store.increment('concurrent', 60_000)));
        assert.deepEqual(
          [...results].sort((a, b) => a - b),
          Array.from({ length: 100 }, (_, index) => index + 1),
        );
        assert.equal(await store.get('concurrent'), 100);
      });

      it('a counter keeps the TTL it was created with: later increments do not extend it', async function () {
        const ttl = long();
        await store.increment('window', ttl);
        await elapse((ttl * 2) / 3);
        await store.increment('window', ttl);
        await elapse((ttl * 2) / 3);
        assert.equal(await store.get('window'), undefined);
      });

      it('a counter starts again from zero after it expires', async function () {
        await store.increment('restarting', short(), 5);
        await elapse(short() * 2);
        assert.equal(await store.increment('restarting', 60_000), 1);
      });
    });

    describe('sets', function () {
      it('setMembers gives an empty list for a set that does not exist', async function () {
        assert.deepEqual(await store.setMembers('no-set'), []);
      });

      it('addToSet keeps each distinct member once', async function () {
        await store.addToSet('members', 'a', 60_000);
        await store.addToSet('members', 'b', 60_000);
        await store.addToSet('members', 'a', 60_000);
        assert.deepEqual((await store.setMembers('members')).sort(), ['a', 'b']);
      });

      it('members added concurrently are all kept', async function () {
        await Promise.all(Array.from({ length: 50 }, (_, index) => store.addToSet('busy-set', `m${index}`, 60_000)));
        assert.equal((await store.setMembers('busy-set')).length, 50);
      });

      it('a set expires its TTL after the last add, and each add extends it', async function () {
        const ttl = long();
        await store.addToSet('pending', 'a', ttl);
        await elapse((ttl * 2) / 3);
        await store.addToSet('pending', 'b', ttl);
        await elapse((ttl * 2) / 3);
        assert.deepEqual((await store.setMembers('pending')).sort(), ['a', 'b']);
        await elapse(ttl);
        assert.deepEqual(await store.setMembers('pending'), []);
      });
    });

    describe('publish and subscribe', function () {
      /** Collects messages; `next(n)` resolves once n have arrived, and fails the test after a second. */
      const collector = () => {
        const messages: string[] = [];
        const waiters: Array<() => void> = [];
        return {
          messages,
          onMessage: (message: string) => {
            messages.push(message);
            for (const wake of waiters.splice(0)) wake();
          },
          async next(count: number): Promise<void> {
            const deadline = Date.now() + 1_000;
            while (messages.length < count) {
              if (Date.now() > deadline) assert.fail(`expected ${count} message(s), got ${messages.length}`);
              await Promise.race([new Promise<void>((wake) => waiters.push(wake)), sleep(20)]);
            }
          },
        };
      };

      it('a subscriber receives the messages of its channel, in order', async function () {
        const received = collector();
        await store.subscribe('news', received.onMessage);
        // Twenty, one after the other: on a cluster, messages entering at different nodes could overtake each other.
        const sent = Array.from({ length: 20 }, (_, index) => `message ${index + 1}`);
        for (const message of sent) await store.publish('news', message);
        await received.next(sent.length);
        assert.deepEqual(received.messages, sent);
      });

      it('a subscriber does not receive messages of other channels', async function () {
        const received = collector();
        const other = collector();
        await store.subscribe('mine', received.onMessage);
        await store.subscribe('theirs', other.onMessage);
        await store.publish('theirs', 'not for you');
        await store.publish('mine', 'for you');
        await received.next(1);
        await other.next(1);
        assert.deepEqual(received.messages, ['for you']);
      });

      it('every subscriber of a channel receives each message', async function () {
        const first = collector();
        const second = collector();
        await store.subscribe('shared', first.onMessage);
        await store.subscribe('shared', second.onMessage);
        await store.publish('shared', 'hello');
        await first.next(1);
        await second.next(1);
        assert.deepEqual([first.messages, second.messages], [['hello'], ['hello']]);
      });

      it('a subscriber is called after publish, never inside it', async function () {
        const received = collector();
        await store.subscribe('later', received.onMessage);
        const published = store.publish('later', 'x');
        assert.deepEqual(received.messages, []);
        await published;
        await received.next(1);
      });

      it('after unsubscribing, a subscriber receives nothing more', async function () {
        const leaving = collector();
        const staying = collector();
        const unsubscribe = await store.subscribe('room', leaving.onMessage);
        await store.subscribe('room', staying.onMessage);
        await store.publish('room', 'before');
        await leaving.next(1);
        await unsubscribe();
        await store.publish('room', 'after');
        await staying.next(2);
        await sleep(50);
        assert.deepEqual(leaving.messages, ['before']);
      });

      it('publishing to a channel nobody listens to is not an error', async function () {
        await store.publish('empty-room', 'anyone?');
      });
    });

    describe('durable records', function () {
      it('getRecord gives undefined for a record that was never put', async function () {
        assert.equal(await store.getRecord('user', 'nobody'), undefined);
      });

      it('putRecord then getRecord gives back an equal value', async function () {
        await store.putRecord('user', 'alice', { name: 'Alice', groups: ['a', 'b'], active: true, manager: null });
        assert.deepEqual(await store.getRecord('user', 'alice'), {
          name: 'Alice',
          groups: ['a', 'b'],
          active: true,
          manager: null,
        });
      });

      it('putRecord replaces an earlier value', async function () {
        await store.putRecord('user', 'bob', { v: 1 });
        await store.putRecord('user', 'bob', { v: 2 });
        assert.deepEqual(await store.getRecord('user', 'bob'), { v: 2 });
      });

      it('deleteRecord removes a record, and deleting an absent one is not an error', async function () {
        await store.putRecord('user', 'carol', { v: 1 });
        await store.deleteRecord('user', 'carol');
        await store.deleteRecord('user', 'never-there');
        assert.equal(await store.getRecord('user', 'carol'), undefined);
        assert.deepEqual(await store.listRecords('user'), []);
      });

      it('listRecords gives the [id, value] pairs of one kind only', async function () {
        await store.putRecord('device', 'd1', { owner: 'alice' });
        await store.putRecord('device', 'd2', { owner: 'bob' });
        await store.putRecord('user', 'd1', { other: true });
        const devices = await store.listRecords('device');
        assert.deepEqual(
          devices.sort(([a], [b]) => a.localeCompare(b)),
          [
            ['d1', { owner: 'alice' }],
            ['d2', { owner: 'bob' }],
          ],
        );
      });

      it('listRecords gives an empty list for a kind that has no records', async function () {
        assert.deepEqual(await store.listRecords('nothing-here'), []);
      });

      it('kinds and ids may be any string', async function () {
        const names = ['a:b', 'with space', 'line\nbreak', 'ünïcødé ✓', '{"json":1}', 'slash/and\\back', ''];
        for (const name of names) await store.putRecord(`kind ${name}`, name, { name });
        for (const name of names) {
          assert.deepEqual(await store.getRecord(`kind ${name}`, name), { name });
          assert.deepEqual(await store.listRecords(`kind ${name}`), [[name, { name }]]);
        }
      });

      it('records are copies, so mutating what was put or what was got does not change the record', async function () {
        const original = { methods: ['totp'] };
        await store.putRecord('user', 'dave', original);
        original.methods.push('push');
        const read = await store.getRecord<typeof original>('user', 'dave');
        assert.deepEqual(read, { methods: ['totp'] });
        read?.methods.push('sms');
        const listed = await store.listRecords<typeof original>('user');
        listed[0]?.[1].methods.push('email');
        assert.deepEqual(await store.getRecord('user', 'dave'), { methods: ['totp'] });
      });

      it('records put concurrently are all kept', async function () {
        await Promise.all(Array.from({ length: 50 }, (_, index) => store.putRecord('bulk', `r${index}`, { index })));
        const records = await store.listRecords<{ index: number }>('bulk');
        assert.equal(records.length, 50);
        for (const [id, value] of records) assert.equal(id, `r${value.index}`);
      });

      it('records do not expire', async function () {
        await store.putRecord('user', 'erin', { v: 1 });
        await elapse(subject.clock ? 400 * 24 * 3_600_000 : 100);
        assert.deepEqual(await store.getRecord('user', 'erin'), { v: 1 });
      });

      it('records and ephemeral values do not share names', async function () {
        await store.set('user', 'ephemeral', 60_000);
        await store.putRecord('user', 'user', 'durable');
        assert.equal(await store.get('user'), 'ephemeral');
        assert.equal(await store.getRecord('user', 'user'), 'durable');
      });
    });

    describe('health', function () {
      it('ping resolves while the store is reachable', async function () {
        await store.ping();
      });
    });
  });
}
