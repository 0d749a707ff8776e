import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pino } from 'pino';
import { stringify } from 'yaml';
import { main } from '../../../src/cli/main.js';
import type { CliIo } from '../../../src/cli/types.js';
import { loadConfig, type ConfigInput } from '../../../src/config/index.js';
import { createDirectory } from '../../../src/directory/index.js';
import type { ImportedUser } from '../../../src/directory/sync/index.js';
import { createMfaFromConfig, isEnrollable, loadMfaModules } from '../../../src/mfa/index.js';
import { loadTranslator } from '../../../src/i18n/translator.js';
import { loadSecretKey } from '../../../src/secrets/secret-key.js';
import { createStore } from '../../../src/store/index.js';
import { systemClock } from '../../../src/clock/clock.js';
import { fixtureUsers, usersLdif } from '../../fixtures/ldap/users.js';
import { ldapModify } from '../../helpers/ldap-modify.js';
import { startSlapd, type Slapd } from '../../helpers/slapd.js';
import { makeTempDir, removeTempDir } from '../../helpers/temp-dir.js';
import { startSmtpInbox } from '../mfa/smtp-inbox.js';
import { ldapDirectory } from './ldap-config.js';

const PEOPLE = 'ou=people,dc=example,dc=org';
const STAFF = 'cn=staff,ou=groups,dc=example,dc=org';

/** Subject (RFC 2047 words decoded) and body (quoted-printable decoded) of a message as nodemailer sends it. */
function readMail(raw: string): { subject: string; body: string } {
  const [head = '', ...rest] = raw.split('\r\n\r\n');
  const subject = /^Subject: (.*(?:\r\n[ \t].*)*)/m.exec(head)?.[1] ?? '';
  const words = subject.replace(/\?=\r\n[ \t]+=\?/g, '?==?').replace(/=\?UTF-8\?Q\?(.*?)\?=/gi, (_, text: string) => quotedPrintable(text.replace(/_/g, ' ')));
  const body = quotedPrintable(rest.join('\r\n\r\n').replace(/=\r\n/g, '')).replace(/\r\n/g, '\n');
  return { subject: words, body };
}

function quotedPrintable(text: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const hex = text[i] === '=' ? /^[0-9A-F]{2}/i.exec(text.slice(i + 1, i + 3))?.[0] : undefined;
    if (hex) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else bytes.push(...Buffer.from(text[i]!));
  }
  return Buffer.from(bytes).toString('utf8');
}

function io(): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (l) => void stdout.push(l), err: (l) => void stderr.push(l), stdin: Readable.from(['']), env: {} };
}

describe('importing and syncing users from OpenLDAP (gatehouse users import / sync)', () => {
  let slapd: Slapd;
  let inbox: Awaited<ReturnType<typeof startSmtpInbox>>;
  let dir: string;
  let configFile: string;

  const writeConfig = async (file: string, sync: Record<string, unknown>) => {
    const config: ConfigInput = {
      issuer: 'https://id.example.org',
      organization: { name: 'Example Org' },
      dataDir: './data',
      keys: { dir: './certs' },
      audit: { sinks: [{ file: './audit.log' }] },
      smtp: { host: '127.0.0.1', port: inbox.port, secure: false, from: 'gatehouse@example.org' },
      directory: ldapDirectory([slapd.url], { sync: { base: PEOPLE, defaultMethod: 'totp', language: 'sv', ...sync } }),
    };
    await writeFile(file, stringify(config));
  };
  const run = async (...args: string[]) => {
    const out = io();
    const code = await main([...args, '--config', configFile], out);
    return { code, out: out.stdout, err: out.stderr };
  };
  const records = async (file = configFile): Promise<Map<string, ImportedUser>> => {
    const store = await createStore(loadConfig(file));
    try {
      return new Map((await store.listRecords<ImportedUser>('directory.imported')).map(([, user]) => [user.login, user]));
    } finally {
      await store.close();
    }
  };
  const change = (ldif: string) => ldapModify(slapd.url, slapd.adminDN, slapd.adminPassword, ldif);

  before(async () => {
    slapd = await startSlapd({ ldif: [usersLdif] });
    inbox = await startSmtpInbox();
    dir = await makeTempDir();
    configFile = join(dir, 'gatehouse.yaml');
    await writeConfig(configFile, {});
  });
  after(async () => {
    await inbox?.stop();
    await slapd?.stop();
    await removeTempDir(dir);
  });

  it('shows what an import would do without doing it (--dry-run)', async () => {
    const { code, out } = await run('users', 'import', '--base', PEOPLE, '--dry-run');
    assert.equal(code, 0);
    assert.deepEqual(out.slice(0, -1).sort(), ['would add alice', 'would add bob', 'would add carol', 'would add dave']);
    assert.match(out.at(-1)!, /^dry run: nothing changed; import of base:ou=people,dc=example,dc=org: add 4/);
    assert.equal((await records()).size, 0);
  });

  it('imports a security group with its nested group, a disabled member included, and mails the enrollment email', async () => {
    const { code, out } = await run('users', 'import', '--group', STAFF, '--send-email');
    assert.equal(code, 0, out.join('\n'));
    const users = await records();
    assert.deepEqual([...users.keys()].sort(), ['alice', 'bob', 'carol', 'dave'], 'carol comes in through contractors');
    assert.equal(users.get('dave')?.disabled, true);
    assert.equal(users.get('alice')?.disabled, false);
    assert.equal(users.get('alice')?.method, 'totp');
    assert.equal(users.get('alice')?.language, 'sv');
    assert.match(users.get('alice')!.id, /^[0-9a-f-]{36}$/, 'the entryUUID is the id');

    // Each mail was accepted (250) before the command ended, and the inbox keeps a mail before it answers.
    const recipients = inbox.mails.flatMap((mail) => mail.to).sort();
    assert.deepEqual(recipients, ['alice@example.org', 'bob@example.org', 'carol@example.org'], 'not dave, who is disabled');
    const alice = readMail(inbox.mails.find((mail) => mail.to.includes('alice@example.org'))!.raw);
    assert.equal(alice.subject, 'Konfigurera inloggningsverifiering för Example Org');
    assert.match(alice.body, /^Hej Alice Liddell,/);
    assert.match(alice.body, /Din standardmetod är en autentiseringsapp/);
    assert.match(alice.body, /\n {4}https:\/\/id\.example\.org\/portal\n/);
    assert.ok(users.get('alice')?.mailedAt);
  });

  it('syncs: a deleted user is marked removed, a changed and a new one are updated and added', async () => {
    assert.equal((await run('users', 'sync')).code, 0);
    await change(`dn: ${fixtureUsers.bob.dn}\nchangetype: delete\n`);
    await change(`dn: ${fixtureUsers.carol.dn}\nchangetype: modify\nreplace: mail\nmail: carol.c@example.org\n`);
    await change(`dn: uid=erin,${PEOPLE}\nchangetype: add\nobjectClass: inetOrgPerson\nuid: erin\ncn: Erin Newcomer\nsn: Newcomer\nmail: erin@example.org\n`);

    const preview = await run('users', 'sync', '--dry-run');
    assert.equal(preview.code, 0);
    assert.deepEqual(preview.out.slice(0, -1).sort(), ['would add erin', 'would remove bob', 'would update carol (email)']);
    assert.match(preview.out.at(-1)!, /^dry run: nothing changed; incremental of base:ou=people/);
    assert.equal((await records()).get('bob')?.removedAt, undefined);

    const applied = await run('users', 'sync');
    assert.equal(applied.code, 0);
    assert.match(applied.out.at(-1)!, /^incremental of base:ou=people,dc=example,dc=org: add 1, update 1, remove 1/);
    const users = await records();
    assert.ok(users.get('bob')?.removedAt, 'bob is marked removed');
    assert.equal(users.get('carol')?.email, 'carol.c@example.org');
    assert.equal(users.get('erin')?.method, 'totp');
  });

  it('records a user disabled in the directory, whom sign-in then refuses', async () => {
    await change(`dn: ${fixtureUsers.alice.dn}\nchangetype: modify\nadd: pwdAccountLockedTime\npwdAccountLockedTime: 000001010000Z\n`);
    const { out } = await run('users', 'sync');
    assert.ok(out.includes('disable alice'), out.join('\n'));
    assert.equal((await records()).get('alice')?.disabled, true);
    const config = loadConfig(configFile);
    const store = await createStore(config);
    const directory = createDirectory(config, store);
    try {
      assert.deepEqual(await directory.verifyPassword('alice', fixtureUsers.alice.password), { ok: false, reason: 'disabled' });
    } finally {
      await directory.close();
      await store.close();
    }
  });

  it("purges a removed user's MFA registrations once the retention has passed", async () => {
    const purgeFile = join(dir, 'purge.yaml');
    await writeConfig(purgeFile, { removedRetention: '0s' });
    const config = loadConfig(purgeFile);
    const carolEntry = async () => {
      const store = await createStore(config);
      const directory = createDirectory(config, store);
      try {
        return await directory.findUser('carol');
      } finally {
        await directory.close();
        await store.close();
      }
    };
    const carol = (await carolEntry())!;
    const withMfa = async <T>(work: (mfa: Awaited<ReturnType<typeof createMfaFromConfig>>) => Promise<T>): Promise<T> => {
      const store = await createStore(config);
      const secret = loadSecretKey({ configured: null, env: {}, dataDir: config.dataDir });
      const mfa = await createMfaFromConfig(config, await loadMfaModules(config), { store, clock: systemClock, logger: pino({ level: 'silent' }), t: loadTranslator('en'), secret });
      try {
        return await work(mfa);
      } finally {
        await mfa.close();
        await store.close();
      }
    };
    await withMfa(async (mfa) => {
      const recovery = mfa.get('recovery');
      assert.ok(recovery && isEnrollable(recovery));
      await recovery.finishEnrollment(carol, { purpose: 'enroll', transactionId: 't', clientIp: '127.0.0.1', rpId: 'portal', locale: 'en' } as never, {});
      assert.deepEqual((await mfa.enrolledMethods(carol)).map((m) => m.adapter.id), ['recovery']);
    });

    await change(`dn: ${fixtureUsers.carol.dn}\nchangetype: delete\n`);
    const out = io();
    assert.equal(await main(['users', 'sync', '--config', purgeFile], out), 0, out.stderr.join('\n'));
    assert.ok(out.stdout.includes('remove carol'), out.stdout.join('\n'));
    assert.ok(out.stdout.includes('purge MFA of carol (recovery)'), out.stdout.join('\n'));
    assert.equal((await records(purgeFile)).get('carol'), undefined);
    await withMfa(async (mfa) => assert.deepEqual(await mfa.enrolledMethods(carol), []));
  });

  it('refuses sync without a configured scope, and import without --base or --group, as wrong usage', async () => {
    const bare = join(dir, 'bare.yaml');
    await writeFile(bare, stringify({ dataDir: './data', directory: ldapDirectory([slapd.url]) }));
    const sync = io();
    assert.equal(await main(['users', 'sync', '--config', bare], sync), 2);
    assert.match(sync.stderr[0]!, /directory\.sync\.base or directory\.sync\.group/);
    const imp = io();
    assert.equal(await main(['users', 'import', '--config', bare], imp), 2);
    const embedded = join(dir, 'embedded.yaml');
    await writeFile(embedded, 'dataDir: ./data\n');
    const onEmbedded = io();
    assert.equal(await main(['users', 'sync', '--config', embedded], onEmbedded), 2);
    assert.match(onEmbedded.stderr[0]!, /LDAP/);
  });
});
