/**
 * The claims of a typical ID token from Gatehouse after a password + TOTP sign-in with the `openid email profile`
 * scopes: about 450 bytes of JSON, which is what the RS256 floor hashes and signs.
 */
export function idTokenPayload(now = Math.floor(Date.now() / 1000)): Record<string, unknown> {
  return {
    sub: 'b1f4c0de-5a1e-4c3b-9d2a-7e6f8a9b0c1d',
    email: 'alice.liddell@bench.example.com',
    email_verified: true,
    name: 'Alice Liddell',
    preferred_username: 'alice',
    nonce: 'Vq3lK8n2XzY7wR4tB9mC1pE6sJ0uH5aD',
    at_hash: 'x4W1mZr8Qf2kT9vL0pN3bA',
    sid: 'dN7yQ2kP9rT4wZ1xV6bM3cL8fH5jG0sA',
    auth_time: now - 2,
    acr: 'urn:gatehouse:acr:mfa',
    amr: ['pwd', 'otp', 'mfa'],
    aud: 'bench-client-app',
    exp: now + 3600,
    iat: now,
    iss: 'https://idp.bench.example.com',
  };
}
