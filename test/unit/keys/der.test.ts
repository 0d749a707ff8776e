import assert from 'node:assert/strict';
import { oid, sequence, time, tlv, unsignedInteger, utf8String } from '../../../src/keys/der.js';

const hex = (buffer: Buffer): string => buffer.toString('hex');

describe('the DER encoders', function () {
  it('encodes lengths in short form below 128 and in long form from 128', function () {
    assert.equal(hex(tlv(0x04, Buffer.alloc(127))).slice(0, 4), '047f');
    assert.equal(hex(tlv(0x04, Buffer.alloc(128))).slice(0, 6), '048180');
    assert.equal(hex(tlv(0x04, Buffer.alloc(300))).slice(0, 8), '0482012c');
  });

  it('encodes unsigned integers minimally, with a zero byte only when the top bit is set', function () {
    assert.equal(hex(unsignedInteger(Buffer.from([0x00, 0x00, 0x7f]))), '02017f');
    assert.equal(hex(unsignedInteger(Buffer.from([0x80]))), '02020080');
    assert.equal(hex(unsignedInteger(Buffer.from([0x00]))), '020100');
  });

  it('encodes object identifiers, multi-byte arcs included', function () {
    assert.equal(hex(oid('2.5.4.3')), '0603550403');
    assert.equal(hex(oid('1.2.840.113549.1.1.11')), '06092a864886f70d01010b');
  });

  it('encodes times up to 2049 as UTCTime and from 2050 as GeneralizedTime', function () {
    assert.equal(time(new Date('2049-12-31T23:59:59Z')).toString('latin1'), '\x17\x0d491231235959Z');
    assert.equal(time(new Date('2050-01-01T00:00:00Z')).toString('latin1'), '\x18\x0f20500101000000Z');
  });

  it('encodes UTF-8 strings and nested sequences', function () {
    assert.equal(hex(sequence(utf8String('Å'))), '30040c02c385');
  });
});
