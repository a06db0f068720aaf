import { getAccessToken } from '../api/access-token';
import { CLIENT_HEADER, refreshSession } from '../api/client';
import { ApiProblem, type Problem } from '../api/problem';

export interface RecordingUpload {
  practicumId: string;
  cohortId: string;
  sessionNumber: number;
  file: File;
}

export interface UploadHandle {
  /** Settles with the recording (`{ id, status }`) or rejects with ApiProblem / UploadAborted. */
  done: Promise<{ id: string; status: string }>;
  /** Stops sending and aborts the upload session on the server (DELETE). */
  abort(): void;
}

export class UploadAborted extends Error {
  constructor() {
    super('The upload was cancelled');
    this.name = 'UploadAborted';
  }
}

interface SessionView {
  uploadId: string;
  offset: number;
  size: number;
  complete: boolean;
  recordingId: string | null;
  chunkMaxBytes: number;
}

interface Answer {
  status: number;
  body: unknown;
  retryAfter: string | null;
}

interface Signal {
  xhr?: XMLHttpRequest;
  aborted: boolean;
}

/** A failed chunk is sent again from the server's offset this many times. */
const MAX_RETRIES = 4;
const MAX_CHUNK_BYTES = 8 * 1024 * 1024;
const storageKey = (practicumId: string) => `msc.recording-upload.${practicumId}`;

interface Remembered {
  uploadId: string;
  name: string;
  size: number;
  lastModified: number;
  cohortId: string;
  sessionNumber: number;
}

function remembered(practicumId: string): Remembered | null {
  try {
    const raw = localStorage.getItem(storageKey(practicumId));
    return raw ? (JSON.parse(raw) as Remembered) : null;
  } catch {
    return null;
  }
}

function remember(practicumId: string, value: Remembered | null): void {
  try {
    if (value) localStorage.setItem(storageKey(practicumId), JSON.stringify(value));
    else localStorage.removeItem(storageKey(practicumId));
  } catch {
    // Private mode or a full storage: the upload works, it just cannot be resumed after a reload.
  }
}

function request(
  method: string,
  url: string,
  signal: Signal,
  options: {
    body?: Blob | string;
    headers?: Record<string, string>;
    onProgress?: (loaded: number) => void;
  } = {},
): Promise<Answer> {
  const once = (token: string | null) =>
    new Promise<Answer>((resolve, reject) => {
      if (signal.aborted) {
        reject(new UploadAborted());
        return;
      }
      const xhr = new XMLHttpRequest();
      signal.xhr = xhr;
      xhr.open(method, url);
      for (const [name, value] of Object.entries(CLIENT_HEADER)) xhr.setRequestHeader(name, value);
      for (const [name, value] of Object.entries(options.headers ?? {})) {
        xhr.setRequestHeader(name, value);
      }
      if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
      xhr.responseType = 'text';
      if (options.onProgress) {
        const report = options.onProgress;
        xhr.upload.onprogress = (event) => report(event.loaded);
      }
      xhr.onload = () => {
        let body: unknown;
        try {
          body = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
        } catch {
          body = undefined;
        }
        resolve({ status: xhr.status, body, retryAfter: xhr.getResponseHeader('Retry-After') });
      };
      xhr.onerror = () => resolve({ status: 0, body: undefined, retryAfter: null });
      xhr.onabort = () => reject(new UploadAborted());
      xhr.send(options.body ?? null);
    });
  return (async () => {
    const answer = await once(getAccessToken());
    if (answer.status !== 401 || signal.aborted) return answer;
    const refreshed = await refreshSession();
    return refreshed ? once(refreshed.accessToken) : answer;
  })();
}

function problemOf(answer: Answer): ApiProblem {
  if (answer.status === 0) return new ApiProblem({ status: 0, title: 'network' });
  const body = answer.body as Problem | undefined;
  return new ApiProblem(
    body && typeof body === 'object' && 'status' in body
      ? body
      : { status: answer.status, title: `HTTP ${answer.status}` },
  );
}

const retryable = (status: number) => status === 0 || status >= 500;

/** Seconds of Retry-After (or a date), else 1 s, 2 s, 4 s… */
function delayOf(answer: Answer, attempt: number): number {
  const header = answer.retryAfter?.trim();
  if (header) {
    if (/^\d+$/.test(header)) return Math.min(Number(header), 60) * 1000;
    const at = Date.parse(header);
    if (!Number.isNaN(at)) return Math.min(Math.max(0, at - Date.now()), 60_000);
  }
  return Math.min(1000 * 2 ** attempt, 8000);
}

function wait(ms: number, signal: Signal): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const tick = () => {
      if (signal.aborted) reject(new UploadAborted());
      else if (Date.now() - started >= ms) resolve();
      else setTimeout(tick, Math.min(200, ms));
    };
    tick();
  });
}

/**
 * Uploads a recording through an upload session: POST starts it (or a session remembered in
 * localStorage for the same file is resumed from the server's offset), each chunk is a PATCH by
 * XMLHttpRequest at Upload-Offset (whose upload events move the progress bar), and the last chunk
 * creates the recording. A chunk that fails (network, 5xx, 503 with Retry-After) is sent again from
 * the offset the server reports, a few times. Abort stops sending and DELETEs the session.
 */
export function uploadRecording(
  input: RecordingUpload,
  onProgress: (fraction: number) => void,
): UploadHandle {
  const signal: Signal = { aborted: false };
  const { file, practicumId } = input;
  let uploadId: string | null = null;
  const total = Math.max(1, file.size);

  const status = async (id: string): Promise<SessionView | null> => {
    const answer = await request(
      'GET',
      `/api/v1/recording-uploads/${encodeURIComponent(id)}`,
      signal,
    );
    return answer.status === 200 ? (answer.body as SessionView) : null;
  };

  const start = async (): Promise<SessionView> => {
    const known = remembered(practicumId);
    if (
      known &&
      known.name === file.name &&
      known.size === file.size &&
      known.lastModified === file.lastModified &&
      known.cohortId === input.cohortId &&
      known.sessionNumber === input.sessionNumber
    ) {
      const session = await status(known.uploadId);
      if (session && !session.complete) return session;
      remember(practicumId, null);
    }
    const answer = await request(
      'POST',
      `/api/v1/practicums/${encodeURIComponent(practicumId)}/recording-uploads`,
      signal,
      {
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          size: file.size,
          filename: file.name,
          ...(file.type ? { contentType: file.type } : {}),
          cohortId: input.cohortId,
          sessionNumber: input.sessionNumber,
          consentConfirmed: true,
        }),
      },
    );
    if (answer.status !== 201 && answer.status !== 200) throw problemOf(answer);
    const session = answer.body as SessionView;
    remember(practicumId, {
      uploadId: session.uploadId,
      name: file.name,
      size: file.size,
      lastModified: file.lastModified,
      cohortId: input.cohortId,
      sessionNumber: input.sessionNumber,
    });
    return session;
  };

  const done = (async () => {
    let session = await start();
    uploadId = session.uploadId;
    const chunkBytes = Math.max(
      1,
      Math.min(session.chunkMaxBytes || MAX_CHUNK_BYTES, MAX_CHUNK_BYTES),
    );
    let attempt = 0;
    onProgress(session.offset / total);
    while (!session.complete) {
      const offset = session.offset;
      const chunk = file.slice(offset, Math.min(file.size, offset + chunkBytes));
      const answer = await request(
        'PATCH',
        `/api/v1/recording-uploads/${encodeURIComponent(session.uploadId)}`,
        signal,
        {
          body: chunk,
          headers: {
            'Content-Type': 'application/offset+octet-stream',
            'Upload-Offset': String(offset),
          },
          onProgress: (loaded) => onProgress(Math.min(1, (offset + loaded) / total)),
        },
      );
      if (answer.status === 200) {
        session = answer.body as SessionView;
        attempt = 0;
        onProgress(session.offset / total);
        continue;
      }
      if ((answer.status === 409 || retryable(answer.status)) && attempt < MAX_RETRIES) {
        // Where the server stands decides where to go on (a 409 is a wrong offset).
        if (answer.status !== 409) await wait(delayOf(answer, attempt), signal);
        attempt += 1;
        const current = await status(session.uploadId);
        if (current) {
          session = current;
          onProgress(session.offset / total);
        }
        continue;
      }
      throw problemOf(answer);
    }
    remember(practicumId, null);
    return { id: session.recordingId!, status: 'processing' };
  })();

  return {
    done,
    abort() {
      if (signal.aborted) return;
      signal.aborted = true;
      signal.xhr?.abort();
      remember(practicumId, null);
      const id = uploadId;
      if (id) {
        void request('DELETE', `/api/v1/recording-uploads/${encodeURIComponent(id)}`, {
          aborted: false,
        }).catch(() => undefined);
      }
    },
  };
}
