import assert from 'node:assert/strict';
import { compileTimeWindow, createZoneClock, timeWindowContains, WEEKDAYS, type ZoneClock } from '../../../src/policy/time-window.js';
import type { TimeWindow } from '../../../src/policy/types.js';

describe('time windows', () => {
  it('read the wall clock of a zone as Intl does, across daylight saving changes', () => {
    for (const zone of ['Europe/Stockholm', 'America/New_York', 'Asia/Kathmandu', 'Australia/Lord_Howe', 'America/St_Johns', 'UTC']) {
      const clock = createZoneClock(zone);
      const format = new Intl.DateTimeFormat('en-US', { timeZone: zone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
      for (let t = Date.UTC(2024, 0, 1); t < Date.UTC(2025, 0, 1); t += 97 * 60_000 + 7_000) {
        const parts = Object.fromEntries(format.formatToParts(new Date(t)).map((p) => [p.type, p.value]));
        const local = clock(new Date(t));
        assert.equal(WEEKDAYS[local.weekday], parts.weekday!.toLowerCase(), `${zone} ${new Date(t).toISOString()}`);
        assert.equal(local.minute, (Number(parts.hour) % 24) * 60 + Number(parts.minute), `${zone} ${new Date(t).toISOString()}`);
      }
    }
  });

  const at = (window: Partial<TimeWindow>, iso: string) => {
    const clocks = new Map<string, ZoneClock>();
    const compiled = compileTimeWindow({ days: [...WEEKDAYS], from: null, to: null, zone: 'UTC', ...window }, clocks);
    return timeWindowContains(compiled, compiled.clock(new Date(iso)));
  };

  const rows: Array<[string, Partial<TimeWindow>, string, boolean]> = [
    ['a day window includes its from', { from: '08:00', to: '18:00' }, '2024-05-14T08:00:00Z', true],
    ['a day window excludes its to', { from: '08:00', to: '18:00' }, '2024-05-14T18:00:00Z', false],
    ['a window to 24:00 runs to midnight', { from: '20:00', to: '24:00' }, '2024-05-14T23:59:00Z', true],
    ['a night window covers the evening of its day', { days: ['fri'], from: '22:00', to: '06:00' }, '2024-05-17T22:00:00Z', true],
    ['a night window covers the next morning', { days: ['fri'], from: '22:00', to: '06:00' }, '2024-05-18T05:59:00Z', true],
    ['a night window does not cover its own morning', { days: ['fri'], from: '22:00', to: '06:00' }, '2024-05-17T05:00:00Z', false],
    ['a night window on sunday reaches monday morning', { days: ['sun'], from: '23:00', to: '01:00' }, '2024-05-20T00:30:00Z', true],
    ['a zone moves the window', { from: '08:00', to: '09:00', zone: 'Asia/Kathmandu' }, '2024-05-14T02:30:00Z', true],
    ['a half-hour zone is exact to the minute', { from: '08:00', to: '09:00', zone: 'Asia/Kathmandu' }, '2024-05-14T02:14:00Z', false],
    ['the clocks-forward night has no 02:30 in Stockholm', { from: '02:00', to: '03:00', zone: 'Europe/Stockholm' }, '2024-03-31T01:30:00Z', false],
  ];
  for (const [says, window, iso, expected] of rows) it(says, () => assert.equal(at(window, iso), expected));
});
