import { randomBytes } from 'node:crypto';
import { walkPages, type Person } from '../matrix/walk-pages.js';
import { CookieClient, type Page } from '../signin/cookie-client.js';
import { readForms } from '../signin/read-forms.js';
import type { RequestRecorder } from '../signin/request-log.js';
import { BENCH_SP } from './bench-sp.js';

const ACS_HOST = new URL(BENCH_SP.acs).host;

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
export async function samlSignIn(issuerBase: string, person: Person, log: RequestRecorder): Promise<string> {
  const browser = new CookieClient(() => false, log);
  const first = await browser.post(new URL(`${issuerBase}/saml/sso`), { SAMLRequest: authnRequest(issuerBase), RelayState: 'bench' });
  const last = await walkPages(browser, first, person, (page) => responseField(page) !== undefined);
  const xml = Buffer.from(responseField(last) ?? '', 'base64').toString();
  if (!xml.includes('status:Success') || !/<saml:Assertion [^>]*><saml:Issuer>[^<]*<\/saml:Issuer><ds:Signature/.test(xml)) {
    throw new Error(`the Response is not a Success with a signed assertion: ${xml.slice(0, 300)}`);
  }
  return xml;
}

/** The SAMLResponse of a page's auto-POST form to the SP's ACS, if the page is that one. */
function responseField(page: Page): string | undefined {
  if (page.status !== 200) return undefined;
  return readForms(page.body).find((form) => new URL(form.action, page.url).host === ACS_HOST)?.fields.SAMLResponse;
}
