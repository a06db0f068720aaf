import type { Readable } from 'node:stream';
import { fileTypeFromBuffer } from 'file-type';
import type { BlobStore } from './blob-store.js';

export interface SniffedType {
  /** The usual file extension, without a dot: `pdf`, `png`. */
  ext: string;
  mime: string;
}

/** How many leading bytes are enough to recognise a file by its magic numbers (file-type's own sample). */
export const SNIFF_BYTES = 4100;

/**
 * The type the bytes say a file is, or null when they match no known format (plain text, HTML
 * and scripts match none). Decide by this, never by the client's Content-Type or file name.
 */
export async function sniffContentType(head: Uint8Array): Promise<SniffedType | null> {
  const found = await fileTypeFromBuffer(head);
  return found ? { ext: found.ext, mime: found.mime } : null;
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Sniffs a stored blob from its first bytes (a ranged read: cheap on disk and on S3 alike). */
export async function sniffBlob(store: BlobStore, key: string): Promise<SniffedType | null> {
  const stat = await store.stat(key);
  if (!stat || stat.size === 0) return null;
  const head = await readAll(
    await store.get(key, { start: 0, end: Math.min(stat.size, SNIFF_BYTES) - 1 }),
  );
  return sniffContentType(head);
}
