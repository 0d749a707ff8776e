import assert from 'node:assert/strict';
import type { Profile, SAML } from '@node-saml/node-saml';
import { authnRequestXml, redirectQuery, signAsSp } from '../../helpers/saml-requests.js';
import { nodeSamlSp, postedForm, samlRelyingParty, samlStatus, signIn, spBrowser, spSlo, startSso, type TestSpOptions } from '../../helpers/saml-sp.js';
import type { FormBrowser } from '../../helpers/form-browser.js';
import { startGatehouse, TEST_CLIENT, TEST_REDIRECT_URI, type RunningGatehouse } from '../../helpers/test-gatehouse.js';
import { discoverClient, redeem, startAuthorization } from '../../helpers/oidc-client.js';
import * as client from 'openid-client';
import { inflateRawSync } from 'node:zlib';
import { realmReply, signinUrl } from '../../helpers/wsfed-rp.js';

const PASSWORD = 'correct horse battery';
const SP_A: TestSpOptions = { id: 'spa', signingKey: 'sp-signing', wantRequestsSigned: true };
const SP_B: TestSpOptions = { id: 'spb', signingKey: 'sp2-signing', nameId: { format: 'persistent' } };
const BYE = 'http://127.0.0.1:9/bye';

/** The query string of a URL, as received (node-saml checks the signature over it). */
const queryOf = (url: string) => new URL(url).search.slice(1);
const paramsOf = (url: string) => Object.fromEntries(new URL(url).searchParams);
const messageOf = (url: string, kind: 'SAMLRequest' | 'SAMLResponse') => inflateRawSync(Buffer.from(new URL(url).searchParams.get(kind)!, 'base64')).toString();

describe('SAML single logout across two SPs', () => {
  let gh: RunningGatehouse;
  let spA: SAML;
  let spB: SAML;

  before(async () => {
    gh = await startGatehouse({
      relyingParties: [
        samlRelyingParty(SP_A),
        samlRelyingParty(SP_B),
        { type: 'wsfed', id: 'realm', realm: 'urn:realm', reply: realmReply('realm') },
        { type: 'oidc', id: TEST_CLIENT.id, clientSecret: TEST_CLIENT.secret, redirectUris: [TEST_REDIRECT_URI], postLogoutRedirectUris: [BYE] },
      ],
    });
    await gh.addUser('alice', PASSWORD, { email: 'alice@example.org' });
    spA = await nodeSamlSp(gh.url, SP_A);
    spB = await nodeSamlSp(gh.url, SP_B);
  });
  after(() => gh.stop());

  async function signInToBoth(browser: FormBrowser): Promise<{ a: Profile; b: Profile }> {
    const doneA = await signIn(browser, await startSso(browser, spA, 'redirect'), 'alice', PASSWORD);
    const a = (await spA.validatePostResponseAsync(postedForm(doneA).fields)).profile!;
    const doneB = await startSso(browser, spB, 'redirect');
    const b = (await spB.validatePostResponseAsync(postedForm(doneB).fields)).profile!;
    return { a, b };
  }

  it('ends the session on a LogoutRequest from one SP, asks the other SP in turn, then answers the first', async () => {
    const browser = spBrowser();
    const { a, b } = await signInToBoth(browser);

    const toB = await browser.get(await spA.getLogoutUrlAsync(a, 'relay-a', {}));
    assert.ok(toB.url.startsWith(spSlo('spb')), `sent to SP B's SLO, not ${toB.url}`);
    const atB = await spB.validateRedirectAsync(paramsOf(toB.url), queryOf(toB.url));
    assert.equal(atB.loggedOut, true);
    assert.equal(atB.profile?.nameID, b.nameID, 'the LogoutRequest names the persistent NameID SP B was given');
    assert.equal(atB.profile?.sessionIndex, b.sessionIndex);
    assert.match(new URL(toB.url).searchParams.get('SigAlg') ?? '', /rsa-sha256/);

    const toA = await browser.get(await spB.getLogoutResponseUrlAsync(atB.profile!, '', {}, true));
    assert.ok(toA.url.startsWith(spSlo('spa')), `back to SP A's SLO, not ${toA.url}`);
    assert.equal(new URL(toA.url).searchParams.get('RelayState'), 'relay-a');
    const atA = await spA.validateRedirectAsync(paramsOf(toA.url), queryOf(toA.url));
    assert.equal(atA.loggedOut, true);
    assert.deepEqual(samlStatus(messageOf(toA.url, 'SAMLResponse')).codes, ['Success']);

    const again = await startSso(browser, spA, 'redirect');
    assert.match(again.body, /autocomplete="username"/, 'the SSO session is over');
    assert.ok(gh.auditEvents.some((e) => e.event === 'saml.signedout' && e.rp === 'spa' && e.reason === 'notifying spb'));
  });

  it('says PartialLogout when another SP could not log out', async () => {
    const browser = spBrowser();
    const { a } = await signInToBoth(browser);
    const toB = await browser.get(await spA.getLogoutUrlAsync(a, '', {}));
    const atB = await spB.validateRedirectAsync(paramsOf(toB.url), queryOf(toB.url));
    const toA = await browser.get(await spB.getLogoutResponseUrlAsync(atB.profile!, '', {}, false));
    assert.deepEqual(samlStatus(messageOf(toA.url, 'SAMLResponse')).codes, ['Success', 'PartialLogout']);
  });

  it('accepts an HTTP-POST LogoutRequest, signed in the XML', async () => {
    const browser = spBrowser();
    const { a } = await signInToBoth(browser);
    const inner = `<saml:NameID Format="${a.nameIDFormat}">${a.nameID}</saml:NameID><samlp:SessionIndex>${a.sessionIndex}</samlp:SessionIndex>`;
    const xml = signAsSp(authnRequestXml('spa', { root: 'LogoutRequest', acs: null, inner, destination: `${gh.url}/saml/slo` }));
    const toB = await browser.post(`${gh.url}/saml/slo`, { SAMLRequest: Buffer.from(xml).toString('base64'), RelayState: 'posted' });
    assert.ok(toB.url.startsWith(spSlo('spb')), `sent to SP B's SLO, not ${toB.url}`);
  });

  it('answers a LogoutRequest for another user with UnknownPrincipal and keeps the session', async () => {
    const browser = spBrowser();
    await signInToBoth(browser);
    const inner = '<saml:NameID Format="urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress">mallory@example.org</saml:NameID>';
    const answer = await browser.get(`${gh.url}/saml/slo?${redirectQuery(authnRequestXml('spa', { root: 'LogoutRequest', acs: null, inner }), { key: 'sp-signing' })}`);
    assert.ok(answer.url.startsWith(spSlo('spa')));
    assert.deepEqual(samlStatus(messageOf(answer.url, 'SAMLResponse')).codes, ['Requester', 'UnknownPrincipal']);
    const still = await startSso(browser, spA, 'redirect');
    assert.ok(postedForm(still).fields.SAMLResponse, 'still signed in');
  });

  it('answers an unsigned LogoutRequest from an SP that must sign with RequestDenied, at its registered SLO URL', async () => {
    const browser = spBrowser();
    await signInToBoth(browser);
    const inner = '<saml:NameID>alice@example.org</saml:NameID>';
    const answer = await browser.get(`${gh.url}/saml/slo?${redirectQuery(authnRequestXml('spa', { root: 'LogoutRequest', acs: null, inner }))}`);
    assert.ok(answer.url.startsWith(spSlo('spa')));
    assert.deepEqual(samlStatus(messageOf(answer.url, 'SAMLResponse')).codes, ['Requester', 'RequestDenied']);
  });

  it('cleans up a WS-Federation realm of the session from a page before answering the SP', async () => {
    const browser = spBrowser();
    const doneA = await signIn(browser, await startSso(browser, spA, 'redirect'), 'alice', PASSWORD);
    const a = (await spA.validatePostResponseAsync(postedForm(doneA).fields)).profile!;
    await browser.get(signinUrl(gh.url, { wtrealm: 'urn:realm' }));
    const page = await browser.get(await spA.getLogoutUrlAsync(a, 'relay', {}));
    assert.equal(page.status, 200);
    assert.ok(page.body.includes(`<img src="${realmReply('realm')}?wa=wsignoutcleanup1.0"`));
    const next = /<a class="button" href="([^"]+)">Continue<\/a>/.exec(page.body)?.[1]?.replace(/&amp;/g, '&');
    assert.ok(next?.startsWith(spSlo('spa')), `Continue leads to SP A's SLO: ${next}`);
    assert.equal((await spA.validateRedirectAsync(paramsOf(next!), queryOf(next!))).loggedOut, true);
  });

  it('asks each SAML SP in turn when the user signs out of an OIDC app, then goes on to its post-logout URI', async () => {
    const browser = spBrowser();
    const { a, b } = await signInToBoth(browser);
    const oidc = await discoverClient(gh.url);
    const start = await startAuthorization(oidc);
    const callback = await browser.get(start.url.toString());
    const tokens = await redeem(oidc, start, callback.url);

    const question = await browser.get(client.buildEndSessionUrl(oidc, { id_token_hint: tokens.id_token!, post_logout_redirect_uri: BYE }).toString());
    const toA = await browser.submit(question, { logout: 'yes' });
    assert.ok(toA.url.startsWith(spSlo('spa')), `sent to SP A's SLO, not ${toA.url}`);
    const atA = await spA.validateRedirectAsync(paramsOf(toA.url), queryOf(toA.url));
    assert.equal(atA.profile?.nameID, a.nameID);
    const toB = await browser.get(await spA.getLogoutResponseUrlAsync(atA.profile!, '', {}, true));
    assert.ok(toB.url.startsWith(spSlo('spb')), `then to SP B's SLO, not ${toB.url}`);
    const atB = await spB.validateRedirectAsync(paramsOf(toB.url), queryOf(toB.url));
    assert.equal(atB.profile?.nameID, b.nameID);
    const end = await browser.get(await spB.getLogoutResponseUrlAsync(atB.profile!, '', {}, true));
    assert.equal(end.url, BYE);
    assert.match((await startSso(browser, spA, 'redirect')).body, /autocomplete="username"/, 'the SSO session is over');
  });

  it('leaves the SAML SPs alone when the user chooses to stay signed in', async () => {
    const browser = spBrowser();
    await signInToBoth(browser);
    const oidc = await discoverClient(gh.url);
    const start = await startAuthorization(oidc);
    const tokens = await redeem(oidc, start, (await browser.get(start.url.toString())).url);
    const question = await browser.get(client.buildEndSessionUrl(oidc, { id_token_hint: tokens.id_token!, post_logout_redirect_uri: BYE }).toString());
    const answer = await browser.submit(question, {});
    assert.equal(answer.url, BYE);
    const again = await startSso(browser, spA, 'redirect');
    assert.doesNotMatch(again.body, /autocomplete="username"/, 'the SSO session goes on');
  });

  it('refuses a LogoutResponse that answers no logout in progress', async () => {
    const xml = authnRequestXml('spb', { root: 'LogoutResponse', acs: null, inner: '<samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>' }).replace('Version="2.0"', 'Version="2.0" InResponseTo="_nothing"');
    const page = await spBrowser().get(`${gh.url}/saml/slo?${redirectQuery(xml, { kind: 'SAMLResponse' })}`);
    assert.equal(page.status, 400);
    assert.match(page.body, /does not match a sign-out in progress/);
  });
});
