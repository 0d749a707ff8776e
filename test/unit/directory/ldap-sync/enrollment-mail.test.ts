import assert from 'node:assert/strict';
import { createEnrollmentMailer, type ImportedUser } from '../../../../src/directory/sync/index.js';

const user = (fields: Partial<ImportedUser>): ImportedUser => ({
  id: '1', dn: 'uid=alice,dc=x', login: 'alice', name: 'Alice Liddell', email: 'alice@example.org', disabled: false, source: 'base:dc=x', importedAt: '', updatedAt: '', ...fields,
});

describe('the enrollment email', () => {
  const sent: Array<{ to: string; subject: string; text: string }> = [];
  const mailer = createEnrollmentMailer({ mailer: { send: async (message) => void sent.push(message) }, portalUrl: 'https://id.example.org/portal', organization: 'Example Org' });

  it('tells an English user how to set up the authenticator app, with the portal link', () => {
    const { subject, text } = mailer.render(user({ method: 'totp', language: 'en' }));
    assert.equal(subject, 'Set up sign-in verification for Example Org');
    assert.match(text, /^Hello Alice Liddell,/);
    assert.match(text, /authenticator app/);
    assert.match(text, /https:\/\/id\.example\.org\/portal/);
    assert.doesNotMatch(text, /mobile app/i);
  });

  it('writes in Swedish and Dutch for users with those languages, per method', () => {
    const swedish = mailer.render(user({ method: 'push', language: 'sv' }));
    assert.match(swedish.subject, /Konfigurera inloggningsverifiering/);
    assert.match(swedish.text, /mobilappen/);
    const dutch = mailer.render(user({ method: 'totp', language: 'nl' }));
    assert.match(dutch.subject, /Stel aanmeldverificatie in/);
    assert.match(dutch.text, /authenticator-app/);
  });

  it('falls back to English for a language without a template, and to a general text without a method', () => {
    const { subject, text } = mailer.render(user({ language: 'fi' }));
    assert.match(subject, /^Set up sign-in verification/);
    assert.match(text, /choose and set up a method/);
  });

  it('never takes a template path from the language', () => {
    assert.match(mailer.render(user({ language: '../../etc/passwd' })).subject, /^Set up sign-in verification/);
  });

  it('sends only to users with an address', async () => {
    await mailer.send(user({ email: undefined }));
    await mailer.send(user({ method: 'email' }));
    assert.equal(sent.length, 1);
    assert.equal(sent[0]!.to, 'alice@example.org');
  });
});
