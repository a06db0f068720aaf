import { gunzipSync } from 'node:zlib';
import {
  decodeStatusList,
  encodeStatusList,
  MIN_STATUS_LIST_SIZE,
  statusBitAt,
} from './bitstring-status-list.js';

describe('encodeStatusList', () => {
  it('should produce a multibase base64url GZIP of the whole bitstring', () => {
    const sut = encodeStatusList(MIN_STATUS_LIST_SIZE, []);
    expect(sut.startsWith('u')).toBe(true);
    expect(sut.slice(1)).toMatch(/^[A-Za-z0-9_-]+$/);
    const raw = gunzipSync(Buffer.from(sut.slice(1), 'base64url'));
    expect(raw.length).toBe(MIN_STATUS_LIST_SIZE / 8);
    expect(raw.every((b) => b === 0)).toBe(true);
  });

  it('should set index 0 as the most significant bit of the first byte', () => {
    const raw = decodeStatusList(encodeStatusList(16, [0, 9, 15]));
    expect([...raw]).toEqual([0b1000_0000, 0b0100_0001]);
  });

  it('should round-trip the set bits and only those', () => {
    const set = [1, 7, 8, 1000, 131_071];
    const bits = decodeStatusList(encodeStatusList(MIN_STATUS_LIST_SIZE, set));
    for (const index of set) expect(statusBitAt(bits, index)).toBe(true);
    for (const index of [0, 2, 6, 9, 999, 1001, 131_070])
      expect(statusBitAt(bits, index)).toBe(false);
  });

  it('should refuse an index outside the list', () => {
    expect(() => encodeStatusList(16, [16])).toThrow(/out of range/);
    expect(() => encodeStatusList(16, [-1])).toThrow(/out of range/);
  });
});
