/** The evidence files an admin can open safely: documents and photos, judged by their bytes. */
export const EVIDENCE_CONTENT_TYPES: ReadonlySet<string> = new Set([
  'application/pdf',
  'image/png',
  'image/jpeg',
  'image/webp',
  'image/heic',
  'image/heif',
]);

export const EVIDENCE_TYPE_NAMES = 'PDF, PNG, JPEG, WebP or HEIC';

/** The evidence a trainee uploaded, stored and sniffed, before it belongs to an attestation. */
export interface StoredEvidence {
  key: string;
  size: number;
  sha256: string;
  contentType: string;
  fileName: string | null;
}

/** Keeps a client's file name for display only: no path, no control characters, bounded. */
export function cleanFileName(name: string | undefined | null): string | null {
  if (!name) return null;
  const base = name.split(/[/\\]/).pop() ?? '';
  const clean = [...base]
    .filter((char) => char.charCodeAt(0) > 0x1f && char.charCodeAt(0) !== 0x7f)
    .join('')
    .trim()
    .slice(0, 200);
  return clean || null;
}

export function describeBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${+(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${+(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} bytes`;
}
