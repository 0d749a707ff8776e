import assert from 'node:assert/strict';
import { canMove, SIGNIN_STATES } from '../../../src/signin/states.js';

describe('the sign-in state machine', () => {
  const allowed: Array<[string, string]> = [
    ['identify', 'password'],
    ['identify', 'passwordless'],
    ['passwordless', 'password'],
    ['passwordless', 'access'],
    ['password', 'access'],
    ['password', 'identify'],
    ['access', 'mfa'],
    ['access', 'issue'],
    ['access', 'password'],
    ['mfa', 'issue'],
    ['issue', 'done'],
  ];

  for (const [from, to] of allowed) {
    it(`allows ${from} -> ${to}`, () => assert.ok(canMove(from as never, to as never)));
  }

  it('never issues without passing through access', () => {
    for (const from of SIGNIN_STATES) if (from !== 'access' && from !== 'mfa') assert.equal(canMove(from, 'issue'), false, from);
  });

  it('never reaches access without a primary authentication or an SSO session', () => {
    assert.equal(canMove('identify', 'access'), false);
  });

  it('lets every active state fail, and nothing leave done or failed', () => {
    for (const from of SIGNIN_STATES) {
      if (from === 'done' || from === 'failed') for (const to of SIGNIN_STATES) assert.equal(canMove(from, to), false);
      else assert.ok(canMove(from, 'failed'), from);
    }
  });
});
