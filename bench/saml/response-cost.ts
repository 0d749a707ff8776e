import type { DirectoryUser } from '../../src/directory/types.js';
import { loadOrCreateKeys } from '../../src/keys/index.js';
import { issueResponse, type AcceptedAuthnRequest, type ServiceProvider } from '../../src/protocols/saml/index.js';
import { makeTempDir } from '../signin/servers/temp-dir.js';
import { BENCH_SP } from './bench-sp.js';

/**
 * What SAML adds to a sign-in, apart from everything the flows share (pages, store, scrypt): building the
 * Response and signing its assertion (RSA-SHA256, exclusive C14N), measured in this process, ms per Response.
 */
export async function responseCostMs(count = 200): Promise<{ signedAssertion: number; signedBoth: number }> {
  const temp = await makeTempDir('gatehouse-saml-cost-');
  try {
    const keys = await loadOrCreateKeys({ dir: `${temp.dir}/certs`, organizationName: 'Bench' });
    const idp = { entityId: 'http://127.0.0.1/saml/metadata', ssoUrl: '', sloUrl: '', metadataUrl: '', wantAuthnRequestsSigned: false };
    const sp: ServiceProvider = {
      id: BENCH_SP.id, name: BENCH_SP.id, entityId: BENCH_SP.entityId, acs: [{ url: BENCH_SP.acs, binding: 'post', index: 0 }], slo: null,
      signingCertificate: null, encryptionCertificate: null, wantRequestsSigned: false, nameId: { format: 'emailAddress', attribute: 'mail' },
      attributes: { email: 'mail' }, idpInitiated: false, sign: { assertion: true, response: false },
    };
    const request: AcceptedAuthnRequest = { spId: sp.id, requestId: '_bench', acsUrl: BENCH_SP.acs, forceAuthn: false, isPassive: false, requestedClassRefs: [], requestedContext: null };
    const user: DirectoryUser = { id: 'u', login: 'alice', email: 'alice@bench.test', groups: [], attributes: {} };
    const subject = { user, amr: ['pwd'], authTime: Date.now() / 1000, sessionIndex: '_s', sessionNotOnOrAfter: Date.now() + 3_600_000 };
    const time = async (target: ServiceProvider) => {
      const started = performance.now();
      for (let i = 0; i < count; i++) await issueResponse({ idp, signingKey: keys.signing, persistentIdKey: Buffer.alloc(32) }, target, request, subject, Date.now());
      return (performance.now() - started) / count;
    };
    await time(sp);
    return { signedAssertion: await time(sp), signedBoth: await time({ ...sp, sign: { assertion: true, response: true } }) };
  } finally {
    await temp.remove();
  }
}
