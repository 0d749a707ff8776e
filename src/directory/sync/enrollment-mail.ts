import { existsSync } from 'node:fs';
import { join } from 'node:path';
import nunjucks from 'nunjucks';
import type { Mailer } from '../../mfa/types.js';
import { VIEWS_DIR } from '../../package-root.js';
import type { EnrollmentMailer, ImportedUser } from './types.js';

export interface EnrollmentMailOptions {
  mailer: Mailer;
  portalUrl: string;
  organization: string;
  /** Default views/email; a folder of enrollment.<language>.njk files. */
  dir?: string;
}

/** The subject and text of one enrollment email. */
export interface EnrollmentMessage {
  subject: string;
  text: string;
}

/**
 * The email an MFA server sends to imported users: in the user's language (views/email/enrollment.<lang>.njk,
 * English when there is no template for it), telling how to set up their default method, with the portal link.
 * Plain text, so nothing from the directory can become markup. The template's first line is `Subject: …`.
 */
export function createEnrollmentMailer(options: EnrollmentMailOptions): EnrollmentMailer & { render(user: ImportedUser): EnrollmentMessage } {
  const dir = options.dir ?? join(VIEWS_DIR, 'email');
  const env = new nunjucks.Environment(new nunjucks.FileSystemLoader(dir), { autoescape: false, trimBlocks: true, lstripBlocks: true });
  const render = (user: ImportedUser): EnrollmentMessage => {
    const language = user.language && /^[a-z]{2}(-[A-Za-z]{2})?$/.test(user.language) ? user.language : 'en';
    const candidates = [language, language.slice(0, 2), 'en'].map((lang) => `enrollment.${lang}.njk`);
    const template = candidates.find((name) => existsSync(join(dir, name))) ?? 'enrollment.en.njk';
    const output = env.render(template, { ...user, method: user.method ?? null, portalUrl: options.portalUrl, organization: options.organization });
    const [first = '', ...rest] = output.split('\n');
    const subject = /^Subject:\s*(.*)$/.exec(first)?.[1]?.trim() ?? `${options.organization}: set up sign-in verification`;
    return { subject, text: rest.join('\n').replace(/\n{3,}/g, '\n\n').trim() + '\n' };
  };
  return {
    render,
    async send(user) {
      if (!user.email) return;
      await options.mailer.send({ to: user.email, ...render(user) });
    },
  };
}
