/** The SAML SP the benchmark registers and signs in to: POST binding both ways, signed assertion (the default). */
export const BENCH_SP = { id: 'bench-sp', entityId: 'http://127.0.0.1:9/bench-sp', acs: 'http://127.0.0.1:9/bench-sp/acs' } as const;
