import { randomBytes } from 'node:crypto';
import { CookieClient, type Page } from '../signin/cookie-client.js';
import { readForms } from '../signin/read-forms.js';
import type { RequestRecorder } from '../signin/request-log.js';
import { BENCH_SP } from './bench-sp.js';

const ACS_HOST = new URL(BENCH_SP.acs).host;
const MAX_PAGES = 5;

/** An unsigned AuthnRequest as an SP sends it by HTTP-POST (base64, not deflated), fresh ID and instant. */
export function authnRequest(issuerBase: string): string {
  const xml =
    `<samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_${randomBytes(16).toString('hex')}"` +
    ` Version="2.0" IssueInstant="${new Date().toISOString()}" Destination="${issuerBase}/saml/sso" AssertionConsumerServiceURL="${BENCH_SP.acs}"` +
    ` ProtocolBinding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST"><saml:Issuer>${BENCH_SP.entityId}</saml:Issuer></samlp:AuthnRequest>`;
  return Buffer.from(xml).toString('base64');
}

/**
 * One complete SAML sign-in as a fresh browser does it: POST the AuthnRequest to /saml/sso, fill the sign-in
 * pages, and stop at the auto-POST page whose form carries the SAMLResponse to the ACS. Returns the Response XML;
 * throws on anything but a Success with a signed assertion.
 */
export async function samlSignIn(issuerBase: string, user: { login: string; password: string }, log: RequestRecorder): Promise<string> {
  const browser = new CookieClient(() => false, log);
  let page = await browser.post(new URL(`${issuerBase}/saml/sso`), { SAMLRequest: authnRequest(issuerBase), RelayState: 'bench' });
  for (let pages = 0; ; pages++) {
    const response = responseForm(page);
    if (response) return response;
    if (pages === MAX_PAGES) throw new Error(`still on a page after ${MAX_PAGES} forms: ${page.url.pathname}`);
    page = await submit(browser, page, user);
  }
}

function responseForm(page: Page): string | undefined {
  const form = page.status === 200 ? readForms(page.body).find((f) => new URL(f.action, page.url).host === ACS_HOST) : undefined;
  if (!form) return undefined;
  const xml = Buffer.from(form.fields.SAMLResponse ?? '', 'base64').toString();
  if (!xml.includes('status:Success') || !/<saml:Assertion [^>]*><saml:Issuer>[^<]*<\/saml:Issuer><ds:Signature/.test(xml)) {
    throw new Error(`the Response is not a Success with a signed assertion: ${xml.slice(0, 300)}`);
  }
  return xml;
}

async function submit(browser: CookieClient, page: Page, user: { login: string; password: string }): Promise<Page> {
  const form = page.status === 200 ? readForms(page.body)[0] : undefined;
  if (!form) throw new Error(`HTTP ${page.status} without a form at ${page.url.pathname}: ${page.body.slice(0, 200)}`);
  const fields = { ...form.fields };
  if ('username' in fields) fields.username = user.login;
  if ('password' in fields) fields.password = user.password;
  return browser.post(new URL(form.action || page.url.toString(), page.url), fields);
}
