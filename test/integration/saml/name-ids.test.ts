import assert from 'node:assert/strict';
import { nodeSamlSp, postedForm, samlRelyingParty, signIn, spBrowser, startSso, type TestSpOptions } from '../../helpers/saml-sp.js';
import { startGatehouse, type RunningGatehouse } from '../../helpers/test-gatehouse.js';

const PASSWORD = 'correct horse battery';
const FORMATS = {
  emailAddress: 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress',
  persistent: 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent',
  transient: 'urn:oasis:names:tc:SAML:2.0:nameid-format:transient',
  unspecified: 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified',
  upn: 'http://schemas.xmlsoap.org/claims/UPN',
};
const PERSISTENT: TestSpOptions = { id: 'persistent', nameId: { format: 'persistent' } };
const PERSISTENT_TOO: TestSpOptions = { id: 'persistent2', nameId: { format: 'persistent' } };
const TRANSIENT: TestSpOptions = { id: 'transient', nameId: { format: 'transient' } };
const UNSPECIFIED: TestSpOptions = { id: 'unspecified', nameId: { format: 'unspecified', attribute: 'uid' } };
const UPN: TestSpOptions = {
  id: 'upn',
  nameId: { format: 'upn', attribute: 'userPrincipalName' },
  attributes: {
    'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn': 'userPrincipalName',
    'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress': 'mail',
    'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name': 'displayName',
    'http://schemas.xmlsoap.org/claims/Group': 'groups',
  },
};
const EMAIL: TestSpOptions = { id: 'email' };

describe('NameID formats and attributes in SAML assertions', () => {
  let gh: RunningGatehouse;

  before(async () => {
    gh = await startGatehouse({ relyingParties: [PERSISTENT, PERSISTENT_TOO, TRANSIENT, UNSPECIFIED, UPN, EMAIL].map(samlRelyingParty) });
    await gh.addUser('alice', PASSWORD, { name: 'Alice Andersson', email: 'alice@example.org', groups: ['staff'] });
    await gh.addUser('nomail', PASSWORD);
  });
  after(() => gh.stop());

  async function profileFor(options: TestSpOptions, extra: Parameters<typeof nodeSamlSp>[2] = {}, login = 'alice') {
    const sp = await nodeSamlSp(gh.url, options, extra);
    const browser = spBrowser();
    const done = await signIn(browser, await startSso(browser, sp, 'redirect'), login, PASSWORD);
    return (await sp.validatePostResponseAsync(postedForm(done).fields)).profile!;
  }

  it('gives an emailAddress NameID from the directory mail attribute by default', async () => {
    const profile = await profileFor(EMAIL);
    assert.equal(profile.nameIDFormat, FORMATS.emailAddress);
    assert.equal(profile.nameID, 'alice@example.org');
  });

  it('gives a persistent NameID that is opaque, stable for one SP and different for another', async () => {
    const first = await profileFor(PERSISTENT);
    const again = await profileFor(PERSISTENT);
    const other = await profileFor(PERSISTENT_TOO);
    assert.equal(first.nameIDFormat, FORMATS.persistent);
    assert.equal(first.nameID, again.nameID);
    assert.notEqual(first.nameID, other.nameID);
    const user = await gh.gatehouse.registry.directory.findUser('alice');
    for (const value of [user!.id, 'alice', 'alice@example.org']) assert.ok(!first.nameID.includes(value), 'reveals nothing about the user');
    assert.match(first.nameID, /^[A-Za-z0-9_-]{43}$/);
    assert.equal(first.spNameQualifier, 'http://127.0.0.1:9/persistent');
    assert.equal(first.nameQualifier, `${gh.url}/saml/metadata`);
  });

  it('gives a transient NameID that changes with every assertion', async () => {
    const first = await profileFor(TRANSIENT);
    const second = await profileFor(TRANSIENT);
    assert.equal(first.nameIDFormat, FORMATS.transient);
    assert.notEqual(first.nameID, second.nameID);
  });

  it('gives an unspecified NameID from the attribute the SP is set to', async () => {
    const profile = await profileFor(UNSPECIFIED);
    assert.equal(profile.nameIDFormat, FORMATS.unspecified);
    assert.equal(profile.nameID, 'alice');
  });

  it('gives a UPN NameID and AD FS claim types as attribute names', async () => {
    const profile = await profileFor(UPN);
    assert.equal(profile.nameIDFormat, FORMATS.upn);
    assert.equal(profile.nameID, 'alice@example.org');
    assert.equal(profile['http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn'], 'alice@example.org');
    assert.equal(profile['http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress'], 'alice@example.org');
    assert.equal(profile['http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name'], 'Alice Andersson');
    assert.equal(profile['http://schemas.xmlsoap.org/claims/Group'], 'staff');
    assert.equal(profile['http://schemas.microsoft.com/claims/authnmethodsreferences'], 'http://schemas.microsoft.com/ws/2008/06/identity/authenticationmethod/password');
  });

  it('honours the format a request asks for in its NameIDPolicy', async () => {
    const persistent = await profileFor(EMAIL, { identifierFormat: FORMATS.persistent });
    assert.equal(persistent.nameIDFormat, FORMATS.persistent);
    const email = await profileFor(PERSISTENT, { identifierFormat: FORMATS.emailAddress });
    assert.equal(email.nameIDFormat, FORMATS.emailAddress);
    assert.equal(email.nameID, 'alice@example.org');
    const unspecified = await profileFor(PERSISTENT, { identifierFormat: FORMATS.unspecified });
    assert.equal(unspecified.nameIDFormat, FORMATS.persistent, 'unspecified leaves the SP its own format');
  });

  it('answers InvalidNameIDPolicy when the user has no value for the asked format', async () => {
    const sp = await nodeSamlSp(gh.url, EMAIL);
    const browser = spBrowser();
    const done = await signIn(browser, await startSso(browser, sp, 'redirect'), 'nomail', PASSWORD);
    await assert.rejects(sp.validatePostResponseAsync(postedForm(done).fields), /Responder error: The user has no mail/);
  });
});
