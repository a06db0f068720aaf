import { randomBytes } from 'node:crypto';
import { KeyEncryption } from './key-encryption.js';

describe(KeyEncryption.name, () => {
  const sut = new KeyEncryption(randomBytes(32));

  it('should open what it sealed for the same key id', () => {
    const sealed = sut.seal('{"d":"secret"}', 'kid-1');
    expect(sealed).not.toContain('secret');
    expect(sut.open(sealed, 'kid-1')).toBe('{"d":"secret"}');
  });

  it('should refuse a ciphertext moved to another key id', () => {
    expect(() => sut.open(sut.seal('x', 'kid-1'), 'kid-2')).toThrow();
  });

  it('should refuse a tampered ciphertext', () => {
    const parts = sut.seal('private', 'kid-1').split('.');
    const ct = Buffer.from(parts[3]!, 'base64url');
    ct[0] ^= 1;
    parts[3] = ct.toString('base64url');
    expect(() => sut.open(parts.join('.'), 'kid-1')).toThrow();
  });

  it('should refuse another key-encryption key', () => {
    const other = new KeyEncryption(randomBytes(32));
    expect(() => other.open(sut.seal('x', 'kid-1'), 'kid-1')).toThrow();
  });

  it('should read a base64 key and refuse one of the wrong length', () => {
    const key = randomBytes(32);
    const a = KeyEncryption.fromBase64(key.toString('base64'));
    const b = KeyEncryption.fromBase64(key.toString('base64url'));
    expect(b.open(a.seal('same', 'k'), 'k')).toBe('same');
    expect(() => KeyEncryption.fromBase64(randomBytes(16).toString('base64'))).toThrow(/32 bytes/);
  });
});
