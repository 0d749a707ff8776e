import assert from 'node:assert/strict';
import { readdir, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { auditFilesFor, createRotatingFileSink, isRotatedName, readAuditEvents, rotatedName, type AuditEvent, type ReadSummary } from '../../../src/audit/index.js';
import { makeTempDir, removeTempDir } from '../../helpers/temp-dir.js';

const event = (i: number, time = new Date().toISOString()): AuditEvent => ({ time, event: 'signin.started', result: 'info', transactionId: `tx-${i}`, serverName: 'n', serverIp: '10.0.0.1', reason: 'x'.repeat(100) });

async function collect(files: string[], since = 0, summary?: ReadSummary): Promise<AuditEvent[]> {
  const events: AuditEvent[] = [];
  for await (const e of readAuditEvents(files, { since }, summary)) events.push(e);
  return events;
}

describe('audit files', () => {
  let dir: string;
  beforeEach(async () => (dir = await makeTempDir('gatehouse-audit-')));
  afterEach(() => removeTempDir(dir));

  it('rotates by size and reads every event back from the current file and its rotated copies', async () => {
    const file = join(dir, 'audit.log');
    const sink = createRotatingFileSink(file, { size: '1K', interval: null, maxFiles: 50 });
    // Written in bursts: rotation happens between writes, as it does under real traffic.
    for (let i = 0; i < 40; i++) {
      sink.write(event(i));
      if (i % 5 === 4) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await sink.close!();
    const names = await readdir(dir);
    const rotated = names.filter((name) => isRotatedName('audit.log', name));
    assert.ok(rotated.length >= 3, `rotated files: ${names.join(', ')}`);
    const files = await auditFilesFor(file);
    assert.equal(files.at(-1), file, 'the current file is read last');
    const read = (await collect(files)).map((e) => e.transactionId);
    assert.deepEqual([...read].sort(), Array.from({ length: 40 }, (_, i) => `tx-${i}`).sort());
  });

  it('keeps at most maxFiles rotated copies', async () => {
    const file = join(dir, 'audit.log');
    const sink = createRotatingFileSink(file, { size: '1K', interval: null, maxFiles: 2 });
    for (let i = 0; i < 60; i++) {
      sink.write(event(i));
      if (i % 5 === 4) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await sink.close!();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const rotated = (await readdir(dir)).filter((name) => isRotatedName('audit.log', name));
    assert.ok(rotated.length <= 2, rotated.join(', '));
  });

  it('names rotated copies by their UTC time, and knows them from other files', () => {
    assert.equal(rotatedName('audit.log', new Date(Date.UTC(2030, 0, 2, 3, 4, 5))), 'audit.log.20300102-030405');
    assert.equal(rotatedName('audit.log', new Date(Date.UTC(2030, 0, 2, 3, 4, 5)), 3), 'audit.log.20300102-030405-3');
    assert.ok(isRotatedName('audit.log', 'audit.log.20300102-030405-3'));
    for (const other of ['audit.log', 'audit.log.txt', '.audit.log.history', 'audit.log.bak', 'other.log.20300102-030405']) assert.ok(!isRotatedName('audit.log', other), other);
  });

  it('skips lines that are not events, events outside the period, and rotated copies older than the period', async () => {
    const file = join(dir, 'audit.log');
    const old = join(dir, rotatedName('audit.log', new Date(Date.UTC(2020, 0, 1))));
    const recent = new Date().toISOString();
    await writeFile(old, `${JSON.stringify(event(1, '2020-01-01T00:00:00.000Z'))}\n`);
    await utimes(old, new Date('2020-01-01'), new Date('2020-01-01'));
    await writeFile(file, [JSON.stringify(event(2, '2020-06-01T00:00:00.000Z')), 'not json', '{"event":"x"}', JSON.stringify(event(3, recent)), ''].join('\n'));
    const since = Date.now() - 86_400_000;
    const files = await auditFilesFor(file, since);
    assert.deepEqual(files, [file], 'the rotated copy last written in 2020 is not opened');
    const summary: ReadSummary = { files: [], badLines: 0 };
    assert.deepEqual((await collect(files, since, summary)).map((e) => e.transactionId), ['tx-3']);
    assert.equal(summary.badLines, 2);
    assert.deepEqual(await auditFilesFor(join(dir, 'missing', 'audit.log')), []);
  });
});
