import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The part of @20minutes/s3rver (a fork of s3rver kept up for Node 20) that the tests use. */
interface S3rverInstance {
  configureBuckets(): Promise<void>;
  callback(): (req: IncomingMessage, res: ServerResponse) => void;
  store: { getResourcePath(bucket: string, key: string | undefined, resource: string): string };
}
type S3rverClass = new (options: Record<string, unknown>) => S3rverInstance;

const S3rver = createRequire(import.meta.url)('@20minutes/s3rver') as S3rverClass;

export const S3_TEST_ACCESS_KEY = 'S3RVER';
export const S3_TEST_SECRET_KEY = 'S3RVER';

const xml = (res: ServerResponse, status: number, body: string) => {
  res.writeHead(status, { 'content-type': 'application/xml' });
  res.end(`<?xml version="1.0" encoding="UTF-8"?>\n${body}`);
};
const escape = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * A real S3-compatible HTTP server on 127.0.0.1 (s3rver, objects on disk in a temp directory),
 * with one bucket. s3rver lacks AbortMultipartUpload and ListMultipartUploads; this server adds
 * both over s3rver's own record of pending uploads (`<bucket>/uploads/<id>/{key,metadata,<part>}`),
 * so that an abort really removes the parts and a test can list what is left.
 */
export class S3TestServer {
  private constructor(
    private readonly http: Server,
    private readonly s3rver: S3rverInstance,
    private readonly directory: string,
    readonly bucket: string,
    readonly endpoint: string,
  ) {}

  static async start(bucket = 'msc-blobs'): Promise<S3TestServer> {
    const directory = await mkdtemp(join(tmpdir(), 'msc-s3rver-'));
    const s3rver = new S3rver({
      directory,
      silent: true,
      configureBuckets: [{ name: bucket }],
      // s3rver signs bucket-level requests as `/bucket` where AWS SDK v3 sends `/bucket/`
      // (ListObjectsV2): its own bug, so signatures are not what this server checks.
      allowMismatchedSignatures: true,
    });
    await s3rver.configureBuckets();
    const handle = s3rver.callback();
    const http = createServer();
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    const { port } = http.address() as AddressInfo;
    const server = new S3TestServer(http, s3rver, directory, bucket, `http://127.0.0.1:${port}`);
    http.on('request', (req: IncomingMessage, res: ServerResponse) => {
      server.route(req, res, handle).catch((error: unknown) => {
        res.writeHead(500);
        res.end(String(error));
      });
    });
    return server;
  }

  /** The S3_* configuration that points the platform at this server. */
  env(): Record<string, string> {
    return {
      STORAGE_DRIVER: 's3',
      S3_ENDPOINT: this.endpoint,
      S3_BUCKET: this.bucket,
      S3_REGION: 'us-east-1',
      S3_FORCE_PATH_STYLE: 'true',
      S3_ACCESS_KEY_ID: S3_TEST_ACCESS_KEY,
      S3_SECRET_ACCESS_KEY: S3_TEST_SECRET_KEY,
    };
  }

  /** Where s3rver keeps an object's bytes (a test ages an object through its mtime). */
  objectPath(key: string): string {
    return this.s3rver.store.getResourcePath(this.bucket, key, 'object');
  }

  async stop(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.http.close(() => resolve()));
    // The SDK keeps connections alive: close them, or close() waits for their idle timeout.
    this.http.closeAllConnections();
    await closed;
    await rm(this.directory, { recursive: true, force: true });
  }

  private get uploadsDir(): string {
    return this.s3rver.store.getResourcePath(this.bucket, undefined, 'uploads');
  }

  private async route(
    req: IncomingMessage,
    res: ServerResponse,
    handle: (req: IncomingMessage, res: ServerResponse) => void,
  ): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://s3');
    const [, bucket, ...rest] = url.pathname.split('/');
    const key = decodeURIComponent(rest.join('/'));
    if (bucket === this.bucket && req.method === 'GET' && !key && url.searchParams.has('uploads')) {
      return this.listMultipartUploads(res, url.searchParams.get('prefix') ?? '');
    }
    const uploadId = url.searchParams.get('uploadId');
    if (bucket === this.bucket && req.method === 'DELETE' && key && uploadId) {
      return this.abortMultipartUpload(res, key, uploadId);
    }
    handle(req, res);
  }

  private async pendingUploads(): Promise<{ key: string; uploadId: string; initiated: Date }[]> {
    const ids = await readdir(this.uploadsDir).catch(() => [] as string[]);
    return Promise.all(
      ids.map(async (uploadId) => ({
        uploadId,
        key: (await readFile(join(this.uploadsDir, uploadId, 'key'))).toString(),
        initiated: (await stat(join(this.uploadsDir, uploadId))).birthtime,
      })),
    );
  }

  private async listMultipartUploads(res: ServerResponse, prefix: string): Promise<void> {
    const uploads = (await this.pendingUploads()).filter((u) => u.key.startsWith(prefix));
    xml(
      res,
      200,
      `<ListMultipartUploadsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">` +
        `<Bucket>${this.bucket}</Bucket><Prefix>${escape(prefix)}</Prefix>` +
        `<MaxUploads>1000</MaxUploads><IsTruncated>false</IsTruncated>` +
        uploads
          .map(
            (u) =>
              `<Upload><Key>${escape(u.key)}</Key><UploadId>${u.uploadId}</UploadId>` +
              `<Initiated>${u.initiated.toISOString()}</Initiated></Upload>`,
          )
          .join('') +
        `</ListMultipartUploadsResult>`,
    );
  }

  private async abortMultipartUpload(
    res: ServerResponse,
    key: string,
    uploadId: string,
  ): Promise<void> {
    const upload = (await this.pendingUploads()).find(
      (u) => u.uploadId === uploadId && u.key === key,
    );
    if (!upload) {
      return xml(
        res,
        404,
        `<Error><Code>NoSuchUpload</Code><Message>The specified upload does not exist.</Message></Error>`,
      );
    }
    await rm(join(this.uploadsDir, uploadId), { recursive: true, force: true });
    res.writeHead(204);
    res.end();
  }
}
