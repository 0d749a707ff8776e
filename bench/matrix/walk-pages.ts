import { openEventStream } from '../push/event-stream.js';
import type { CookieClient, Page } from '../signin/cookie-client.js';
import { readForms, type Form } from '../signin/read-forms.js';
import type { BenchPhone } from './phone.js';

/** What a person brings to the sign-in pages: who they are, and whichever of the factors their path asks for. */
export interface Person {
  login: string;
  password: string;
  /** The authenticator app's current code, for a TOTP page. */
  code?: string;
  /** Their phone, for a push or passwordless page. */
  phone?: BenchPhone;
  /** Told, per push, the ms from the phone sending its approval to the page having moved on (its post answered). */
  onApproval?: (ms: number) => void;
}

const MAX_PAGES = 6;

/**
 * Fills and posts whatever sign-in pages the server shows until `done` says the sign-in left them (the redirect
 * to the app, or the SAML auto-post form). Forms are filled by field name (username/login, password, code; the
 * rest, CSRF included, posted as served). A push page is answered as a person with the phone does it: the page's
 * event stream is opened, the phone approves with the number shown, the page posts once the stream says so.
 */
export async function walkPages(browser: CookieClient, first: Page, person: Person, done: (page: Page) => boolean): Promise<Page> {
  let page = first;
  for (let pages = 0; !done(page); pages++) {
    if (pages === MAX_PAGES) throw new Error(`still on a page after ${MAX_PAGES} forms: ${page.url.pathname}`);
    if (page.status !== 200) throw new Error(`HTTP ${page.status} at ${page.url.pathname}: ${page.body.slice(0, 200)}`);
    const push = /class="push-number"[^>]*>(\d+)</.exec(page.body);
    page = push ? await answerPush(browser, page, Number(push[1]), person) : await submitForm(browser, page, person);
  }
  return page;
}

async function submitForm(browser: CookieClient, page: Page, person: Person): Promise<Page> {
  const form = readForms(page.body).find((candidate) => candidate.method === 'post');
  if (!form) throw new Error(`no form at ${page.url.pathname}: ${page.body.slice(0, 200)}`);
  const fields = { ...form.fields };
  for (const name of ['username', 'login']) if (name in fields) fields[name] = person.login;
  if ('password' in fields) fields.password = person.password;
  if ('code' in fields || /name="code"/.test(page.body)) {
    if (!person.code) throw new Error(`${person.login} was asked for a code at ${page.url.pathname}`);
    fields.code = person.code;
  }
  return browser.post(actionOf(form, page), fields);
}

async function answerPush(browser: CookieClient, page: Page, number: number, person: Person): Promise<Page> {
  if (!person.phone) throw new Error(`${person.login} was asked to approve a push at ${page.url.pathname}`);
  const events = /data-events="([^"]+)"/.exec(page.body)?.[1];
  const check = readForms(page.body).find((form) => form.method === 'post' && 'csrf' in form.fields && !form.action.endsWith('/password') && !form.action.endsWith('/choose'));
  if (!events || !check) throw new Error(`a push page without its event stream or form at ${page.url.pathname}`);
  const stream = openEventStream(new URL(events.replace(/&amp;/g, '&'), page.url), browser.cookieHeader());
  let sentAt: number;
  try {
    await stream.opened;
    sentAt = await person.phone.approve(number);
    await stream.changed;
  } finally {
    stream.close();
  }
  const next = await browser.post(actionOf(check, page), check.fields);
  person.onApproval?.(performance.now() - sentAt);
  return next;
}

function actionOf(form: Form, page: Page): URL {
  return new URL(form.action || page.url.toString(), page.url);
}
