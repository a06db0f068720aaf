import { createHash } from 'node:crypto';
import { PassThrough, Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { SNIFF_BYTES, sniffContentType } from '@msc/storage';

/** The audio and video containers a teaching recording may come in, by the extension file-type names. */
const RECORDING_TYPES: Readonly<Record<string, string>> = {
  mp4: 'video/mp4',
  m4v: 'video/mp4',
  m4a: 'audio/mp4',
  mov: 'video/quicktime',
  qt: 'video/quicktime',
  webm: 'video/webm',
  mp3: 'audio/mpeg',
  wav: 'audio/wav',
  ogg: 'audio/ogg',
  oga: 'audio/ogg',
  ogv: 'video/ogg',
  opus: 'audio/ogg',
};

/** The media type the bytes prove, or null when they are not one of the accepted containers. */
export async function recordingTypeOf(head: Uint8Array): Promise<string | null> {
  const sniffed = await sniffContentType(head);
  return sniffed ? (RECORDING_TYPES[sniffed.ext] ?? null) : null;
}

/**
 * Reads the first bytes of a stream and hands back a stream of all of it (those bytes included),
 * so that the type is decided before a single byte is stored and nothing is buffered beyond the head.
 */
export async function splitHead(
  source: Readable,
  bytes = SNIFF_BYTES,
): Promise<{ head: Buffer; stream: Readable }> {
  const iterator = source[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const chunks: Buffer[] = [];
  let length = 0;
  let ended = false;
  while (length < bytes) {
    const next = await iterator.next();
    if (next.done) {
      ended = true;
      break;
    }
    chunks.push(next.value);
    length += next.value.length;
  }
  const head = Buffer.concat(chunks);
  async function* everything(): AsyncGenerator<Buffer> {
    let complete = ended;
    try {
      if (head.length) yield head;
      while (!complete) {
        const next = await iterator.next();
        if (next.done) complete = true;
        else yield next.value;
      }
    } finally {
      // The consumer gave up (a refused upload): stop reading the source too.
      if (!complete) source.destroy();
    }
  }
  return {
    head: head.subarray(0, bytes),
    stream: Readable.from(everything(), { objectMode: false }),
  };
}

export interface MediaProbe {
  /** Null when the file could not be parsed. */
  durationSeconds: number | null;
  container: string | null;
  /** SHA-256 of every byte read, the whole blob. */
  sha256: string;
  size: number;
  error: string | null;
}

/**
 * Parses container and duration with music-metadata while hashing the same bytes: one read of the
 * blob, however early the parser stops (the rest is drained into the hash).
 */
export async function probeMedia(
  source: Readable,
  info: { mimeType: string; size: number },
): Promise<MediaProbe> {
  const hash = createHash('sha256');
  let size = 0;
  const tap = new PassThrough();
  source.pipe(tap);
  source.on('data', (chunk: Buffer) => {
    hash.update(chunk);
    size += chunk.length;
  });
  let durationSeconds: number | null = null;
  let container: string | null = null;
  let error: string | null = null;
  try {
    // Imported on the first probe, not at boot: only the worker probes, and rarely.
    const { parseStream } = await import('music-metadata');
    const metadata = await parseStream(
      tap,
      { mimeType: info.mimeType, size: info.size },
      { duration: true, skipCovers: true },
    );
    durationSeconds =
      typeof metadata.format.duration === 'number' && Number.isFinite(metadata.format.duration)
        ? metadata.format.duration
        : null;
    container = metadata.format.container ?? null;
  } catch (cause) {
    error = cause instanceof Error ? cause.message : String(cause);
  }
  source.unpipe(tap);
  tap.destroy();
  if (!source.readableEnded) {
    source.resume();
    await finished(source);
  }
  return { durationSeconds, container, sha256: hash.digest('hex'), size, error };
}
