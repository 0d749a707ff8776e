/**
 * What both contenders register and what the driver signs in with: one confidential OIDC client, a redirect URI
 * on a host that is never contacted (the driver stops there), and a few embedded-directory users.
 */
export const BENCH_CLIENT = { id: 'bench-app', secret: 'bench-app-secret-not-for-production' } as const;
export const BENCH_REDIRECT_URI = 'http://127.0.0.1:9/callback';
export const BENCH_SCOPE = 'openid profile email';
export const BENCH_PASSWORD = 'correct horse battery staple';

/** Several users, so per-user state (the directory's records) is not one hot key; each costs one hash at start-up. */
export const BENCH_USERS = ['alice', 'bob', 'carol', 'dave'].map((login) => ({ login, password: BENCH_PASSWORD, name: login, email: `${login}@bench.test` }));
