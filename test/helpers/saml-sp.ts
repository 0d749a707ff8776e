import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SAML, ValidateInResponseTo, type SamlConfig } from '@node-saml/node-saml';
import { FormBrowser, readForms, type BrowserResponse } from './form-browser.js';

/** Test SPs live on port 9 of the loopback (nothing listens): the browser stops when sent there. */
export const SP_HOST = '127.0.0.1:9';
export const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'saml');
export const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');
export const fixturePath = (name: string) => join(FIXTURES, name);

/** One test SP as both Gatehouse's config and node-saml's options see it. */
export interface TestSpOptions {
  id: string;
  /** Default http://127.0.0.1:9/<id>. */
  entityId?: string;
  /** Sign AuthnRequests and logout messages with this fixture key pair (e.g. sp-signing). */
  signingKey?: string;
  /** Encrypt assertions to this fixture key pair (e.g. sp-encryption). */
  encryptionKey?: string;
  wantRequestsSigned?: boolean;
  sign?: { assertion: boolean; response: boolean };
  nameId?: { format: 'emailAddress' | 'persistent' | 'transient' | 'unspecified' | 'upn'; attribute?: string };
  attributes?: Record<string, string>;
  idpInitiated?: boolean;
  slo?: boolean;
}

export const spBase = (id: string) => `http://${SP_HOST}/${id}`;
export const spAcs = (id: string) => `${spBase(id)}/acs`;
export const spSlo = (id: string) => `${spBase(id)}/slo`;

/** The relying-party entry for Gatehouse's config. */
export function samlRelyingParty(options: TestSpOptions) {
  return {
    type: 'saml' as const,
    id: options.id,
    name: `SP ${options.id}`,
    entityId: options.entityId ?? spBase(options.id),
    acs: [
      { url: spAcs(options.id), binding: 'post' as const, index: 0 },
      { url: `${spAcs(options.id)}2`, binding: 'post' as const, index: 1 },
    ],
    slo: options.slo === false ? null : spSlo(options.id),
    signingCertificate: options.signingKey ? fixturePath(`${options.signingKey}.pem`) : null,
    encryptionCertificate: options.encryptionKey ? fixturePath(`${options.encryptionKey}.pem`) : null,
    wantRequestsSigned: options.wantRequestsSigned ?? false,
    nameId: { format: options.nameId?.format ?? 'emailAddress', attribute: options.nameId?.attribute ?? 'mail' },
    attributes: options.attributes ?? {},
    idpInitiated: options.idpInitiated ?? false,
    sign: options.sign ?? { assertion: true, response: false },
  };
}

/** The X509Certificate values of Gatehouse's SAML metadata: what the SP is told to trust. */
export async function metadataCertificates(issuer: string): Promise<string[]> {
  const xml = await (await fetch(`${issuer}/saml/metadata`)).text();
  const descriptor = /<md:IDPSSODescriptor[\s\S]*<\/md:IDPSSODescriptor>/.exec(xml)?.[0] ?? '';
  return [...descriptor.matchAll(/<ds:X509Certificate>([^<]+)<\/ds:X509Certificate>/g)].map((m) => m[1]!);
}

/** node-saml configured as the SP, trusting the certificates in Gatehouse's metadata. */
export async function nodeSamlSp(issuer: string, options: TestSpOptions, extra: Partial<SamlConfig> = {}): Promise<SAML> {
  return new SAML({
    entryPoint: `${issuer}/saml/sso`,
    logoutUrl: `${issuer}/saml/slo`,
    issuer: options.entityId ?? spBase(options.id),
    callbackUrl: spAcs(options.id),
    logoutCallbackUrl: spSlo(options.id),
    audience: options.entityId ?? spBase(options.id),
    idpIssuer: `${issuer}/saml/metadata`,
    idpCert: await metadataCertificates(issuer),
    wantAssertionsSigned: (options.sign ?? { assertion: true }).assertion,
    wantAuthnResponseSigned: (options.sign ?? { response: false }).response,
    validateInResponseTo: ValidateInResponseTo.always,
    // No NameIDPolicy Format unless a test asks (node-saml would ask for emailAddress): the SP's config decides.
    identifierFormat: null,
    signatureAlgorithm: 'sha256',
    digestAlgorithm: 'sha256',
    ...(options.signingKey ? { privateKey: fixture(`${options.signingKey}.key`), publicCert: fixture(`${options.signingKey}.pem`) } : {}),
    ...(options.encryptionKey ? { decryptionPvk: fixture(`${options.encryptionKey}.key`) } : {}),
    ...extra,
  });
}

/** A browser that stops when Gatehouse sends it to a test SP. */
export function spBrowser(): FormBrowser {
  return new FormBrowser((url) => url.host === SP_HOST);
}

/** Starts SP-initiated SSO in the browser with node-saml's request, by HTTP-Redirect or HTTP-POST. */
export async function startSso(browser: FormBrowser, sp: SAML, binding: 'redirect' | 'post', relayState = ''): Promise<BrowserResponse> {
  if (binding === 'redirect') return browser.get(await sp.getAuthorizeUrlAsync(relayState, undefined, {}));
  const form = readForms(await sp.getAuthorizeFormAsync(relayState, undefined, {}))[0]!;
  return browser.post(form.action, form.fields);
}

/** Username and password on Gatehouse's pages, from the identify page. */
export async function signIn(browser: FormBrowser, page: BrowserResponse, login: string, password: string): Promise<BrowserResponse> {
  const passwordPage = await browser.submit(page, { username: login });
  return browser.submit(passwordPage, { password });
}

/** The auto-POST page's form: where it posts and what (SAMLResponse, RelayState / wa, wresult, wctx). */
export function postedForm(page: BrowserResponse): { action: string; fields: Record<string, string> } {
  const form = readForms(page.body).find((f) => f.method === 'post' && /SAMLResponse|wresult/.test(Object.keys(f.fields).join(' ')));
  if (!form) throw new Error(`no SAML/WS-Fed POST form at ${page.url} (HTTP ${page.status}):\n${page.body.slice(0, 800)}`);
  return { action: form.action, fields: form.fields };
}

/** The decoded XML of a posted SAMLResponse. */
export function responseXml(page: BrowserResponse): string {
  return Buffer.from(postedForm(page).fields.SAMLResponse!, 'base64').toString('utf8');
}

/** The status a posted SAML Response (or LogoutResponse XML) carries: the status code values, outer first, and the message. */
export function samlStatus(xml: string): { codes: string[]; message?: string } {
  const codes = [...xml.matchAll(/<samlp:StatusCode Value="urn:oasis:names:tc:SAML:2\.0:status:([A-Za-z]+)"/g)].map((m) => m[1]!);
  const message = /<samlp:StatusMessage>([^<]*)<\/samlp:StatusMessage>/.exec(xml)?.[1];
  return { codes, ...(message !== undefined ? { message } : {}) };
}

/** The text of the error on a Gatehouse error page. */
export function pageError(page: BrowserResponse): string | undefined {
  return /<p class="error" role="alert">([^<]*)<\/p>/.exec(page.body)?.[1]?.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}
