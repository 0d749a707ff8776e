import assert from 'node:assert/strict';
import {
  ACR,
  acrFor,
  authnContextClassRefFor,
  MULTIPLE_AUTHN,
  PASSWORD_PROTECTED_TRANSPORT,
  REFEDS_MFA,
  requestedContextFromAcrValues,
  requestedContextFromAuthnContext,
  requestedContextFromWauth,
} from '../../../src/policy/index.js';

describe('requested context and acr', () => {
  const acrRows: Array<[string, string[] | string, string | null]> = [
    ['the Gatehouse mfa acr asks for mfa', ['urn:gatehouse:acr:mfa'], 'mfa'],
    ['the Gatehouse phr acr asks for phr', ['urn:gatehouse:acr:phr'], 'phr'],
    ['the Gatehouse pwd acr asks for pwd', ['urn:gatehouse:acr:pwd'], 'pwd'],
    ['the Microsoft multipleauthn URI is an alias of mfa', [MULTIPLE_AUTHN], 'mfa'],
    ['the REFEDS MFA profile is an alias of mfa', [REFEDS_MFA], 'mfa'],
    ['several acceptable values ask for the lowest of them', ['urn:gatehouse:acr:phr', 'urn:gatehouse:acr:mfa'], 'mfa'],
    ['unknown values are ignored', ['urn:example:loa3', 'urn:gatehouse:acr:mfa'], 'mfa'],
    ['only unknown values ask for nothing', ['urn:example:loa3'], null],
    ['the space-separated parameter is read as a list', 'urn:gatehouse:acr:phr  https://refeds.org/profile/mfa', 'mfa'],
    ['no values ask for nothing', [], null],
  ];
  for (const [says, values, expected] of acrRows) it(says, () => assert.equal(requestedContextFromAcrValues(values), expected));

  it('maps SAML PasswordProtectedTransport to pwd and the MFA classes to mfa', () => {
    assert.equal(requestedContextFromAuthnContext([PASSWORD_PROTECTED_TRANSPORT]), 'pwd');
    assert.equal(requestedContextFromAuthnContext([MULTIPLE_AUTHN]), 'mfa');
    assert.equal(requestedContextFromAuthnContext([REFEDS_MFA], 'minimum'), 'mfa');
  });

  it('reads SAML comparison better as one level up and maximum as no request', () => {
    assert.equal(requestedContextFromAuthnContext([PASSWORD_PROTECTED_TRANSPORT], 'better'), 'mfa');
    assert.equal(requestedContextFromAuthnContext([MULTIPLE_AUTHN], 'maximum'), null);
  });

  it('reads WS-Fed wauth with the same URIs', () => {
    assert.equal(requestedContextFromWauth(MULTIPLE_AUTHN), 'mfa');
    assert.equal(requestedContextFromWauth('urn:oasis:names:tc:SAML:1.0:am:password'), 'pwd');
    assert.equal(requestedContextFromWauth(undefined), null);
  });

  it('puts phr in tokens for phishing-resistant MFA, mfa for two factors, else pwd', () => {
    assert.equal(acrFor({ amr: ['hwk', 'mfa'], phishingResistant: true }), ACR.phr);
    assert.equal(acrFor({ amr: ['pwd', 'otp', 'mfa'], phishingResistant: false }), ACR.mfa);
    assert.equal(acrFor({ amr: ['pwd'], phishingResistant: false }), ACR.pwd);
    assert.equal(acrFor({ amr: ['hwk'], phishingResistant: true }), ACR.pwd, 'one factor is not MFA, however strong');
  });

  it('answers a SAML SP with the MFA class it asked for, else multipleauthn', () => {
    const mfa = { amr: ['pwd', 'swk', 'mfa'], phishingResistant: false };
    assert.equal(authnContextClassRefFor(mfa, [PASSWORD_PROTECTED_TRANSPORT, REFEDS_MFA]), REFEDS_MFA);
    assert.equal(authnContextClassRefFor(mfa, []), MULTIPLE_AUTHN);
    assert.equal(authnContextClassRefFor({ amr: ['pwd'], phishingResistant: false }, [REFEDS_MFA]), PASSWORD_PROTECTED_TRANSPORT);
  });
});
