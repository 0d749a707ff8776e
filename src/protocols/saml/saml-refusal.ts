import type { SamlStatus } from './types.js';

/**
 * A SAML message Gatehouse will not act on. `code` goes to the audit; `message` is safe to show and to put in a
 * StatusMessage; `status` is what an error Response or LogoutResponse says, when one can be sent.
 */
export class SamlRefusal extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: SamlStatus = { code: 'Requester', subcode: 'RequestDenied' },
  ) {
    super(message);
    this.name = 'SamlRefusal';
  }
}
