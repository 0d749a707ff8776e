import { hostname } from 'node:os';
import { enroll, parseActivation, pending, respond, setPasswordless, type PendingRequest, type Response } from './authenticator-actions.js';
import { loadCliConfig } from './load-cli-config.js';
import { parseOptions } from './parse-options.js';
import { EXIT, UsageError, type CliIo, type Verb } from './types.js';

const USAGE = `usage: gatehouse authenticator enroll URL_OR_CODE --profile FILE [--name N]
       gatehouse authenticator pending --profile FILE [--json] [--wait SECONDS]
       gatehouse authenticator respond --profile FILE [--request ID] (--approve --number N [--uv pin|biometric|none] | --deny | --fraud)
       gatehouse authenticator passwordless --profile FILE (--enable | --disable)
  The reference authenticator: a phone in a file. It speaks only the device API (docs/device-api.md) and keeps
  its private key in the profile FILE (created mode 0600). enroll takes the URL of the portal's QR code, or the
  activation code alone (the service is then config issuer). respond answers the oldest pending request unless
  --request names one; --uv defaults to pin for a passwordless request and none otherwise.`;

const ACTIONS = ['enroll', 'pending', 'respond', 'passwordless'];

/** `gatehouse authenticator …`: the reference authenticator that tests and demos use as the phone. */
export const authenticatorVerb: Verb = {
  name: 'authenticator',
  summary: 'the reference authenticator (a phone in a file): enroll, list and answer sign-in requests',
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseOptions(args, {
      profile: { type: 'string' },
      name: { type: 'string' },
      json: { type: 'boolean' },
      wait: { type: 'string' },
      request: { type: 'string' },
      approve: { type: 'boolean' },
      deny: { type: 'boolean' },
      fraud: { type: 'boolean' },
      number: { type: 'string' },
      uv: { type: 'string' },
      enable: { type: 'boolean' },
      disable: { type: 'boolean' },
    });
    if (values.help) return io.out(USAGE), EXIT.ok;
    const [action, argument, ...extra] = positionals;
    if (!action || !ACTIONS.includes(action)) throw new UsageError(`unknown action "${action ?? ''}" (${ACTIONS.join(', ')})`);
    if (extra.length || (argument !== undefined && action !== 'enroll')) throw new UsageError(`unexpected argument "${extra[0] ?? argument}"`);
    const profile = values.profile;
    if (!profile) throw new UsageError(`authenticator ${action}: --profile FILE is missing`);
    switch (action) {
      case 'enroll': {
        if (!argument) throw new UsageError('authenticator enroll: URL_OR_CODE is missing');
        const { service, code } = parseActivation(argument, () => loadCliConfig(values.config, io).issuer);
        const enrolled = await enroll(profile, service, code, values.name ?? `gatehouse authenticator on ${hostname()}`);
        io.out(`enrolled ${enrolled.name} for ${enrolled.account.login} (${enrolled.account.organization}) at ${enrolled.service}`);
        return EXIT.ok;
      }
      case 'pending': {
        const wait = values.wait === undefined ? 0 : Number(values.wait);
        if (!Number.isInteger(wait) || wait < 0 || wait > 60) throw new UsageError('authenticator pending: --wait takes 0 to 60 seconds');
        const requests = await pending(profile, wait);
        if (values.json) io.out(JSON.stringify(requests, null, 2));
        else if (requests.length === 0) io.out('no pending requests');
        else for (const request of requests) io.out(describe(request));
        return EXIT.ok;
      }
      case 'respond': {
        const choice = responseFrom(values);
        const waiting = await pending(profile);
        const target = values.request ? waiting.find((request) => request.id === values.request) : waiting[0];
        const id = values.request ?? target?.id;
        if (!id) throw new Error('no request is waiting for this device');
        // A phone asks for the PIN when the request needs it (passwordless); the reference one says it did.
        const response: Response = choice.action === 'approve' ? { ...choice, uv: choice.uv ?? (target?.kind === 'passwordless' ? 'pin' : 'none') } : choice;
        const answered = await respond(profile, id, response);
        io.out(`${answered.id}: ${answered.result.replace('_', ' ')}${answered.reason ? ` (${answered.reason.replace('_', ' ')})` : ''}`);
        return EXIT.ok;
      }
      default: {
        if (values.enable === values.disable) throw new UsageError('authenticator passwordless: give --enable or --disable');
        const updated = await setPasswordless(profile, values.enable === true);
        io.out(`passwordless sign-in ${updated.passwordless ? 'enabled' : 'disabled'} on ${updated.name}`);
        return EXIT.ok;
      }
    }
  },
};

type Choice = { action: 'approve'; number: number; uv?: 'pin' | 'biometric' | 'none' } | { action: 'deny' } | { action: 'fraud' };

function responseFrom(values: Record<string, string | boolean | undefined>): Choice {
  const chosen = (['approve', 'deny', 'fraud'] as const).filter((flag) => values[flag] === true);
  if (chosen.length !== 1) throw new UsageError('authenticator respond: give exactly one of --approve, --deny, --fraud');
  if (chosen[0] === 'deny') return { action: 'deny' };
  if (chosen[0] === 'fraud') return { action: 'fraud' };
  if (typeof values.number !== 'string' || !/^\d{1,3}$/.test(values.number)) throw new UsageError('authenticator respond: --approve needs --number N (the number the browser shows)');
  const uv = values.uv;
  if (uv !== undefined && uv !== 'pin' && uv !== 'biometric' && uv !== 'none') throw new UsageError('authenticator respond: --uv is pin, biometric or none');
  return { action: 'approve', number: Number(values.number), ...(uv ? { uv } : {}) };
}

function describe(request: PendingRequest): string {
  const match = request.match.type === 'choose' ? `choose ${request.match.choices.join('|')}` : 'enter the number';
  const where = request.client.location ? `${request.client.ip} (${request.client.location})` : request.client.ip;
  return [request.id, request.kind, request.rp.name, where, request.time, match].join('\t');
}
