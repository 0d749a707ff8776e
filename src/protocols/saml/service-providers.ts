import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ConfigError, type Config, type ConfigProblem } from '../../config/index.js';
import type { SamlRelyingPartyConfig, ServiceProvider, ServiceProviders } from './types.js';

/**
 * The SAML SPs of the configuration, with their certificate files read and checked. Every problem is reported at
 * once, each with its key, before the server starts.
 */
export function loadServiceProviders(config: Config): ServiceProviders {
  const problems: ConfigProblem[] = [];
  const providers: ServiceProvider[] = [];
  config.relyingParties.forEach((rp, index) => {
    if (rp.type !== 'saml') return;
    const at = `relyingParties[${index}]`;
    const signingCertificate = readCertificate(rp.signingCertificate, `${at}.signingCertificate`, problems);
    const encryptionCertificate = readCertificate(rp.encryptionCertificate, `${at}.encryptionCertificate`, problems);
    const wantRequestsSigned = rp.wantRequestsSigned || config.saml.wantAuthnRequestsSigned;
    if (wantRequestsSigned && !rp.signingCertificate) {
      problems.push({ path: `${at}.signingCertificate`, message: 'is needed to verify signed requests (wantRequestsSigned)' });
    }
    rp.acs.forEach((acs, i) => {
      if (acs.binding === 'redirect') problems.push({ path: `${at}.acs[${i}].binding`, message: 'a SAML Response cannot be sent by HTTP-Redirect (SAML profiles 4.1.2); use post' });
    });
    const indexes = rp.acs.map((acs) => acs.index);
    if (new Set(indexes).size !== indexes.length) problems.push({ path: `${at}.acs`, message: 'each ACS needs its own index' });
    providers.push(toServiceProvider(rp, { signingCertificate, encryptionCertificate, wantRequestsSigned }));
  });
  if (problems.length > 0) throw new ConfigError('config', problems);

  const byEntityId = new Map(providers.map((sp) => [sp.entityId, sp]));
  const byId = new Map(providers.map((sp) => [sp.id, sp]));
  return { byEntityId: (entityId) => byEntityId.get(entityId), byId: (id) => byId.get(id), all: () => [...providers] };
}

function toServiceProvider(
  rp: SamlRelyingPartyConfig,
  read: { signingCertificate: string | null; encryptionCertificate: string | null; wantRequestsSigned: boolean },
): ServiceProvider {
  return {
    id: rp.id,
    name: rp.name ?? rp.id,
    entityId: rp.entityId ?? rp.id,
    acs: [...rp.acs].sort((a, b) => a.index - b.index),
    slo: rp.slo,
    ...read,
    nameId: rp.nameId,
    attributes: rp.attributes,
    idpInitiated: rp.idpInitiated,
    sign: rp.sign,
  };
}

/** Reads a PEM certificate file; a missing or unreadable file, or one that holds no certificate, is a problem. */
function readCertificate(file: string | null, path: string, problems: ConfigProblem[]): string | null {
  if (!file) return null;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    problems.push({ path, message: `cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'})` });
    return null;
  }
  const pem = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.exec(text)?.[0];
  try {
    if (!pem) throw new Error('no certificate');
    return new X509Certificate(pem).toString();
  } catch {
    problems.push({ path, message: `${file} holds no PEM certificate` });
    return null;
  }
}
