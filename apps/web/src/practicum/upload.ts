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
  /** Settles with the API's answer (202 `{ id, status }`) or rejects with ApiProblem / AbortError. */
  done: Promise<{ id: string; status: string }>;
  abort(): void;
}

export class UploadAborted extends Error {
  constructor() {
    super('The upload was cancelled');
    this.name = 'UploadAborted';
  }
}

function send(
  input: RecordingUpload,
  token: string | null,
  onProgress: (fraction: number) => void,
  signal: { xhr?: XMLHttpRequest; aborted: boolean },
): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    signal.xhr = xhr;
    xhr.open('POST', `/api/v1/practicums/${encodeURIComponent(input.practicumId)}/recordings`);
    for (const [name, value] of Object.entries(CLIENT_HEADER)) xhr.setRequestHeader(name, value);
    if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    xhr.responseType = 'text';
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
    xhr.onload = () => {
      let body: unknown;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
      } catch {
        body = undefined;
      }
      resolve({ status: xhr.status, body });
    };
    xhr.onerror = () => reject(new ApiProblem({ status: 0, title: 'network' }));
    xhr.onabort = () => reject(new UploadAborted());
    // The fields go first: the API checks them before it stores a byte of the file.
    const form = new FormData();
    form.append('cohortId', input.cohortId);
    form.append('sessionNumber', String(input.sessionNumber));
    form.append('consentConfirmed', 'true');
    form.append('file', input.file, input.file.name);
    if (signal.aborted) {
      reject(new UploadAborted());
      return;
    }
    xhr.send(form);
  });
}

/**
 * Uploads a recording in one multipart request through XMLHttpRequest, whose upload events give
 * the progress bar its value (fetch cannot report request progress), and which can be aborted.
 * A 401 (expired access token) refreshes the session once and sends again.
 */
export function uploadRecording(
  input: RecordingUpload,
  onProgress: (fraction: number) => void,
): UploadHandle {
  const signal: { xhr?: XMLHttpRequest; aborted: boolean } = { aborted: false };
  const done = (async () => {
    let answer = await send(input, getAccessToken(), onProgress, signal);
    if (answer.status === 401 && !signal.aborted) {
      const refreshed = await refreshSession();
      if (refreshed) {
        onProgress(0);
        answer = await send(input, refreshed.accessToken, onProgress, signal);
      }
    }
    if (answer.status >= 200 && answer.status < 300) {
      return answer.body as { id: string; status: string };
    }
    const body = answer.body as Problem | undefined;
    throw new ApiProblem(
      body && typeof body === 'object' && 'status' in body
        ? body
        : { status: answer.status, title: `HTTP ${answer.status}` },
    );
  })();
  return {
    done,
    abort() {
      signal.aborted = true;
      signal.xhr?.abort();
    },
  };
}
