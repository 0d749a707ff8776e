import assert from 'node:assert/strict';
import { evaluate, type EvaluationContext } from '../../../src/policy/index.js';
import { context, engineFrom, onePolicy } from './policy-test-helpers.js';

interface Row {
  says: string;
  policy: string;
  context?: Partial<EvaluationContext>;
  matches: boolean;
}

const alice = (groups: string[]) => ({ user: { id: 'u-alice', login: 'alice', groups } });

const rows: Row[] = [
  // users
  { says: 'users include all matches anyone', policy: 'users: { include: all }', matches: true },
  { says: 'users include by login matches that user', policy: 'users: { include: { users: [alice] } }', matches: true },
  { says: 'users include by login ignores case', policy: 'users: { include: { users: [ALICE] } }', matches: true },
  { says: 'users include by id matches that user', policy: 'users: { include: { users: [u-alice] } }', matches: true },
  { says: 'users include by login does not match another user', policy: 'users: { include: { users: [bob] } }', matches: false },
  { says: 'users include by group matches a member', policy: 'users: { include: { groups: [staff] } }', matches: true },
  { says: 'users include by group does not match a non-member', policy: 'users: { include: { groups: [Finance] } }', matches: false },
  { says: 'users include either a user or a group matches on the group', policy: 'users: { include: { users: [bob], groups: [Staff] } }', matches: true },
  { says: 'users exclude by login wins over include all', policy: 'users: { include: all, exclude: { users: [alice] } }', matches: false },
  { says: 'users exclude by group wins over include by group', policy: 'users: { include: { groups: [Staff] }, exclude: { groups: [BreakGlass] } }', context: alice(['Staff', 'BreakGlass']), matches: false },
  { says: 'users exclude of another group leaves the user in', policy: 'users: { include: all, exclude: { groups: [BreakGlass] } }', matches: true },
  { says: 'users exclude by group compares without case', policy: 'users: { exclude: { groups: [breakglass] } }', context: alice(['BreakGlass']), matches: false },
  // applications
  { says: 'applications include all matches any application', policy: 'applications: { include: all }', context: { rpId: 'anything' }, matches: true },
  { says: 'applications include a list matches a listed application', policy: 'applications: { include: [hr, app] }', matches: true },
  { says: 'applications include a list does not match others', policy: 'applications: { include: [hr] }', matches: false },
  { says: 'applications exclude wins over include all', policy: 'applications: { include: all, exclude: [app] }', matches: false },
  { says: 'applications exclude wins over a listed include', policy: 'applications: { include: [app, hr], exclude: [app] }', matches: false },
  { says: 'applications exclude of another application leaves this one in', policy: 'applications: { include: all, exclude: [hr] }', matches: true },
  // locations
  { says: 'locations include matches an IPv4 address inside the location', policy: 'conditions: { locations: { include: [corpnet] } }', context: { clientIp: '10.1.2.3' }, matches: true },
  { says: 'locations include does not match an address outside it', policy: 'conditions: { locations: { include: [corpnet] } }', matches: false },
  { says: 'locations include matches an IPv6 address inside the location', policy: 'conditions: { locations: { include: [corpnet] } }', context: { clientIp: '2001:db8:100:5::1' }, matches: true },
  { says: 'locations include does not match an IPv6 address outside it', policy: 'conditions: { locations: { include: [corpnet] } }', context: { clientIp: '2001:db8:101::1' }, matches: false },
  { says: 'locations match an IPv4-mapped IPv6 address as IPv4', policy: 'conditions: { locations: { include: [corpnet] } }', context: { clientIp: '::ffff:10.1.2.3' }, matches: true },
  { says: 'locations include any of several names', policy: 'conditions: { locations: { include: [corpnet, vpn] } }', context: { clientIp: '172.16.9.9' }, matches: true },
  { says: 'locations exclude matches an address outside the location', policy: 'conditions: { locations: { exclude: [corpnet] } }', matches: true },
  { says: 'locations exclude does not match inside the location', policy: 'conditions: { locations: { exclude: [corpnet] } }', context: { clientIp: '10.1.2.3' }, matches: false },
  { says: 'locations include any with an exclude matches elsewhere', policy: 'conditions: { locations: { include: [any], exclude: [vpn] } }', matches: true },
  { says: 'locations include a location and exclude a smaller one inside it', policy: 'conditions: { locations: { include: [corpnet], exclude: [guest] } }', context: { clientIp: '10.99.1.1' }, matches: false },
  { says: 'locations exclude treats an address that does not parse as outside', policy: 'conditions: { locations: { exclude: [corpnet] } }', context: { clientIp: 'not-an-ip' }, matches: true },
  { says: 'locations include never matches an address that does not parse', policy: 'conditions: { locations: { include: [corpnet] } }', context: { clientIp: '10.1.2' }, matches: false },
  { says: 'locations include any matches an address that does not parse', policy: 'conditions: { locations: { include: [any] } }', context: { clientIp: '' }, matches: true },
  // devices
  { says: 'devices known false matches an unknown device', policy: 'conditions: { devices: { known: false } }', matches: true },
  { says: 'devices known false does not match a known device', policy: 'conditions: { devices: { known: false } }', context: { deviceKnown: true }, matches: false },
  { says: 'devices known true matches a known device', policy: 'conditions: { devices: { known: true } }', context: { deviceKnown: true }, matches: true },
  // methods
  { says: 'methods password matches a password sign-in', policy: 'conditions: { methods: [password] }', matches: true },
  { says: 'methods password does not match a passwordless sign-in', policy: 'conditions: { methods: [password] }', context: { method: 'passwordless' }, matches: false },
  { says: 'methods with both values match either', policy: 'conditions: { methods: [password, passwordless] }', context: { method: 'passwordless' }, matches: true },
  // clients
  { says: 'clients other matches a non-browser client', policy: 'conditions: { clients: [other] }', context: { client: 'other' }, matches: true },
  { says: 'clients other does not match a browser', policy: 'conditions: { clients: [other] }', matches: false },
  // requested context
  { says: 'requestedContext mfa matches when the application asked for mfa', policy: 'conditions: { requestedContext: [mfa] }', context: { requestedContext: 'mfa' }, matches: true },
  { says: 'requestedContext mfa does not match when the application asked for phr', policy: 'conditions: { requestedContext: [mfa] }', context: { requestedContext: 'phr' }, matches: false },
  { says: 'requestedContext never matches when the application asked for nothing', policy: 'conditions: { requestedContext: [pwd, mfa, phr] }', matches: false },
  // time (2024-05-14 is a Tuesday)
  { says: 'time matches inside a weekday window in UTC', policy: 'conditions: { time: { days: [tue], from: "09:00", to: "17:00" } }', matches: true },
  { says: 'time does not match on another day', policy: 'conditions: { time: { days: [mon, wed], from: "09:00", to: "17:00" } }', matches: false },
  { says: 'time from is inclusive', policy: 'conditions: { time: { from: "10:00", to: "11:00" } }', matches: true },
  { says: 'time to is exclusive', policy: 'conditions: { time: { from: "09:00", to: "10:00" } }', matches: false },
  { says: 'time is read in the policy zone', policy: 'conditions: { time: { from: "11:30", to: "12:30", zone: Europe/Stockholm } }', matches: true },
  { says: 'time in a zone west of UTC can fall on the previous day', policy: 'conditions: { time: { days: [mon], zone: Pacific/Honolulu } }', context: { now: new Date('2024-05-14T05:00:00Z') }, matches: true },
  { says: 'time days alone cover the whole day', policy: 'conditions: { time: { days: [tue] } }', context: { now: new Date('2024-05-14T23:59:00Z') }, matches: true },
  { says: 'time window across midnight matches late in the evening', policy: 'conditions: { time: { days: [tue], from: "22:00", to: "06:00" } }', context: { now: new Date('2024-05-14T23:30:00Z') }, matches: true },
  { says: 'time window across midnight matches early next morning (the day it opened)', policy: 'conditions: { time: { days: [tue], from: "22:00", to: "06:00" } }', context: { now: new Date('2024-05-15T05:59:00Z') }, matches: true },
  { says: 'time window across midnight does not match the morning of its own day', policy: 'conditions: { time: { days: [tue], from: "22:00", to: "06:00" } }', context: { now: new Date('2024-05-14T03:00:00Z') }, matches: false },
  { says: 'time window across midnight ends at its to', policy: 'conditions: { time: { days: [tue], from: "22:00", to: "06:00" } }', context: { now: new Date('2024-05-15T06:00:00Z') }, matches: false },
  { says: 'time window across midnight in a zone uses local midnight', policy: 'conditions: { time: { days: [fri], from: "23:00", to: "02:00", zone: America/New_York } }', context: { now: new Date('2024-05-18T05:30:00Z') }, matches: true },
  { says: 'time follows daylight saving time in the zone', policy: 'conditions: { time: { from: "08:00", to: "09:00", zone: Europe/Stockholm } }', context: { now: new Date('2024-01-16T07:30:00Z') }, matches: true },
  { says: 'time in summer is an hour further from UTC', policy: 'conditions: { time: { from: "08:00", to: "09:00", zone: Europe/Stockholm } }', context: { now: new Date('2024-07-16T07:30:00Z') }, matches: false },
  // combinations
  { says: 'every condition given must hold', policy: 'conditions: { clients: [browser], devices: { known: false }, locations: { exclude: [corpnet] } }', matches: true },
  { says: 'one failing condition among several stops the match', policy: 'conditions: { clients: [browser], devices: { known: true }, locations: { exclude: [corpnet] } }', matches: false },
  { says: 'users, applications and conditions must all hold', policy: 'users: { include: { groups: [Staff] } }\napplications: { include: [hr] }\nconditions: { clients: [browser] }', matches: false },
];

describe('policy conditions', () => {
  for (const row of rows) {
    it(`${row.says}`, () => {
      const engine = engineFrom(onePolicy(`${row.policy}\ngrant: { block: true }`));
      const decision = evaluate(engine, context(row.context), { explain: true });
      const outcome = decision.policies.find((p) => p.name === 'P');
      assert.equal(decision.decision, row.matches ? 'block' : 'allow', outcome?.why.join('; '));
      if (outcome) assert.equal(outcome.matched, row.matches);
      // The fast path (no explanation) reaches the same decision.
      assert.equal(evaluate(engine, context(row.context)).decision, decision.decision);
    });
  }
});
