/** The servers compared, each an entry file started as its own process by the driver. */
export interface Contender {
  id: 'baseline' | 'gatehouse';
  label: string;
  /** Relative to bench/signin/. */
  entry: string;
}

export const CONTENDERS: readonly Contender[] = [
  { id: 'baseline', label: 'bare oidc-provider', entry: './servers/bare-contender.ts' },
  { id: 'gatehouse', label: 'Gatehouse', entry: './servers/gatehouse-contender.ts' },
];
