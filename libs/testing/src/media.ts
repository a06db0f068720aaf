/** A valid PCM WAV of silence: 8 kHz, 8 bit, mono (8000 bytes a second after a 44-byte header). */
export function wav(seconds: number, rate = 8000): Buffer {
  const dataLength = Math.round(seconds * rate);
  const buffer = Buffer.alloc(44 + dataLength, 0x80);
  buffer.write('RIFF', 0, 'ascii');
  buffer.writeUInt32LE(36 + dataLength, 4);
  buffer.write('WAVEfmt ', 8, 'ascii');
  buffer.writeUInt32LE(16, 16);
  buffer.writeUInt16LE(1, 20);
  buffer.writeUInt16LE(1, 22);
  buffer.writeUInt32LE(rate, 24);
  buffer.writeUInt32LE(rate, 28);
  buffer.writeUInt16LE(1, 32);
  buffer.writeUInt16LE(8, 34);
  buffer.write('data', 36, 'ascii');
  buffer.writeUInt32LE(dataLength, 40);
  return buffer;
}

/** The start of a 64-bit ELF executable, padded: what a renamed program looks like. */
export function elfExecutable(): Buffer {
  const buffer = Buffer.alloc(8192, 0);
  Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]).copy(buffer, 0);
  buffer.writeUInt16LE(2, 16);
  buffer.writeUInt16LE(0x3e, 18);
  return buffer;
}

/** supertest: collect any body as a Buffer. */
export function binary(res: unknown, callback: (error: Error | null, body: Buffer) => void): void {
  const stream = res as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('end', () => callback(null, Buffer.concat(chunks)));
}
