import { gunzipSync, gzipSync } from 'node:zlib';

/** The spec's minimum, for herd privacy: 16 KiB of bits. */
export const MIN_STATUS_LIST_SIZE = 131_072;

/**
 * W3C Bitstring Status List encoding: index 0 is the left-most (most significant) bit of the
 * first byte; the bitstring is GZIP-compressed and multibase-encoded as base64url ('u' prefix).
 */
export function encodeStatusList(size: number, setIndexes: Iterable<number>): string {
  if (size % 8 !== 0) throw new Error('a status list size must be a multiple of 8');
  const bytes = new Uint8Array(size / 8);
  for (const index of setIndexes) {
    if (!Number.isInteger(index) || index < 0 || index >= size) {
      throw new Error(`status list index ${index} is out of range`);
    }
    bytes[index >> 3]! |= 0x80 >> (index & 7);
  }
  return 'u' + gzipSync(bytes).toString('base64url');
}

export function decodeStatusList(encodedList: string): Uint8Array {
  if (!encodedList.startsWith('u')) throw new Error('the encoded list is not base64url multibase');
  return new Uint8Array(gunzipSync(Buffer.from(encodedList.slice(1), 'base64url')));
}

export function statusBitAt(bits: Uint8Array, index: number): boolean {
  const byte = bits[index >> 3];
  if (byte === undefined) throw new Error(`status list index ${index} is out of range`);
  return (byte & (0x80 >> (index & 7))) !== 0;
}
