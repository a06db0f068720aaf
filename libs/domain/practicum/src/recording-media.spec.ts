import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { probeMedia, recordingTypeOf, splitHead } from './recording-media.js';
import { outcomeOf } from './reviews.service.js';

/** A valid PCM WAV of silence: 8 kHz, 8 bit, mono. */
function wav(seconds: number, rate = 8000): Buffer {
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

const chunks = (buffer: Buffer, size = 1000) =>
  Readable.from(
    Array.from({ length: Math.ceil(buffer.length / size) }, (_, i) =>
      buffer.subarray(i * size, (i + 1) * size),
    ),
  );

describe('recording media', () => {
  it('should accept audio and video by their bytes and refuse the rest', async () => {
    expect(await recordingTypeOf(wav(1))).toBe('audio/wav');
    expect(
      await recordingTypeOf(Buffer.from('<!doctype html><html><body>hi</body></html>')),
    ).toBeNull();
    const exe = Buffer.alloc(512);
    exe.write('MZ', 0, 'ascii');
    exe.writeUInt32LE(64, 60);
    exe.write('PE\0\0', 64, 'binary');
    expect(await recordingTypeOf(exe)).toBeNull();
  });

  it('should split the head off a stream and still hand back every byte', async () => {
    const body = wav(2);
    const { head, stream } = await splitHead(chunks(body), 4100);
    expect(head.length).toBe(4100);
    const all: Buffer[] = [];
    for await (const chunk of stream) all.push(chunk as Buffer);
    expect(Buffer.concat(all).equals(body)).toBe(true);
  });

  it('should probe duration and container and hash the whole file in one read', async () => {
    const body = wav(61);
    const sut = await probeMedia(chunks(body, 16_384), {
      mimeType: 'audio/wav',
      size: body.length,
    });
    expect(sut.error).toBeNull();
    expect(sut.durationSeconds).toBeCloseTo(61, 3);
    expect(sut.container).toBe('WAVE');
    expect(sut.size).toBe(body.length);
    expect(sut.sha256).toBe(createHash('sha256').update(body).digest('hex'));
  });

  it('should report a file it cannot parse', async () => {
    const body = Buffer.concat([wav(1).subarray(0, 12), Buffer.alloc(100, 7)]);
    const sut = await probeMedia(chunks(body), { mimeType: 'audio/wav', size: body.length });
    expect(sut.durationSeconds === null || sut.error !== null).toBe(true);
    expect(sut.size).toBe(body.length);
  });
});

describe(outcomeOf.name, () => {
  const all = (level: string) =>
    Object.fromEntries(
      [
        'coverage_pacing',
        'relational_skills',
        'embodiment',
        'guiding_practices',
        'inquiry',
        'holding_the_group',
      ].map((d) => [d, level]),
    ) as Parameters<typeof outcomeOf>[0];

  it('should be competent only when every domain is at least competent', () => {
    expect(outcomeOf(all('competent'))).toBe('competent');
    expect(outcomeOf({ ...all('advanced'), inquiry: 'advanced_beginner' })).toBe('needs_work');
  });
});
