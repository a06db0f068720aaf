import { PassThrough, Readable } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import { ApiProblem } from './api-problem.js';
import { multipartParts, partFailure } from './multipart.js';
import type { FieldError } from './validation.js';

type PartsOptions = NonNullable<Parameters<FastifyRequest['parts']>[0]>;

/** A multipart/form-data upload of text fields and one file, as one route takes it. */
export interface UploadForm<Fields, Stored> {
  /** The detail of the 415 a body of another type gets. */
  readonly multipartRequired: string;
  /**
   * The text fields judged by name as they arrive: another name, a repeat or a value cut off at
   * the parser's size limit is a 400. Without it every text field goes to `parse` as sent (a
   * repeated one by its last value), and `parse` judges the names.
   */
  readonly textFields?: ReadonlySet<string>;
  readonly file: {
    readonly field: string;
    readonly maxBytes: number;
    /** Without the file, a 400 naming its field before the text fields are parsed. */
    readonly required?: boolean;
    /** The detail of the 400 for a file sent alone under another name (default: that field's). */
    readonly misplaced?: string;
  };
  /** Streams the file into storage; what it refuses is refused as a whole, and nothing is kept. */
  store(file: Readable, fileName: string): Promise<Stored>;
  discard(stored: Stored): Promise<void>;
  /**
   * Runs before the file is stored, with the text fields sent ahead of it: a refusal stores
   * nothing, and fields it returns are the form's fields (`parse` is not called again).
   */
  beforeStore?(values: Record<string, string>): Promise<Fields | undefined>;
  /** The route's input from the text fields, or its refusal. */
  parse(values: Record<string, string>): Promise<Fields>;
}

export interface Upload<Fields, Stored> {
  fields: Fields;
  file: Stored | null;
}

/**
 * Reads a multipart upload form: text fields collected, the file streamed into storage as it
 * arrives (whatever the order of the parts). The whole request is always read, so the client
 * gets its answer rather than a reset connection, and when anything is refused the stored file
 * is discarded before the refusal is thrown.
 */
export async function readUploadForm<Fields, Stored>(
  request: FastifyRequest,
  form: UploadForm<Fields, Stored> & { file: { required: true } },
): Promise<{ fields: Fields; file: Stored }>;
export async function readUploadForm<Fields, Stored>(
  request: FastifyRequest,
  form: UploadForm<Fields, Stored>,
): Promise<Upload<Fields, Stored>>;
export async function readUploadForm<Fields, Stored>(
  request: FastifyRequest,
  form: UploadForm<Fields, Stored>,
): Promise<Upload<Fields, Stored>> {
  if (!request.isMultipart())
    throw new ApiProblem(415, 'multipart-required', form.multipartRequired);
  const values: Record<string, string> = {};
  const problems: FieldError[] = [];
  let misplacedFile = false;
  let fields: Fields | undefined;
  let stored: Stored | null = null;
  let refusal: unknown = null;
  const options = {
    // One byte past the limit reaches the store, which refuses it; the rest is dropped by busboy.
    limits: { fileSize: form.file.maxBytes + 1, files: 1 },
    throwFileSizeLimit: false,
  } as PartsOptions;
  try {
    for await (const part of multipartParts(request, options)) {
      if (part.type === 'file') {
        if (part.fieldname !== form.file.field) {
          misplacedFile = true;
          problems.push(notAccepted(part.fieldname));
        } else if (!refusal) {
          try {
            fields = (await form.beforeStore?.(values)) ?? fields;
            stored = await form.store(detachable(part.file), part.filename);
          } catch (error) {
            refusal = partFailure(part.file, error);
          }
        }
        part.file.resume();
        continue;
      }
      if (!form.textFields) {
        values[part.fieldname] = String(part.value);
      } else if (!form.textFields.has(part.fieldname)) {
        problems.push(notAccepted(part.fieldname));
      } else if (part.fieldname in values) {
        problems.push({
          field: part.fieldname,
          message: `${part.fieldname} was sent more than once`,
        });
      } else if (part.valueTruncated) {
        problems.push({ field: part.fieldname, message: `${part.fieldname} is too long` });
      } else {
        values[part.fieldname] = String(part.value);
      }
    }
    if (problems.length > 0) {
      const detail =
        problems.length > 1
          ? `${problems.length} fields are not valid`
          : misplacedFile && form.file.misplaced
            ? form.file.misplaced
            : problems[0]!.message;
      throw new ApiProblem(400, 'validation', detail, { errors: problems });
    }
    if (refusal) throw refusal;
    if (!stored && form.file.required) {
      const message = `${form.file.field} is required`;
      throw new ApiProblem(400, 'validation', message, {
        errors: [{ field: form.file.field, message }],
      });
    }
    fields ??= await form.parse(values);
    return { fields, file: stored };
  } catch (error) {
    if (stored) await form.discard(stored);
    throw error;
  }
}

function notAccepted(field: string): FieldError {
  return { field, message: `${field} is not an accepted field` };
}

/**
 * A stream the store may destroy without destroying the upload itself: when the store refuses
 * the file, the rest of the part is still read (and dropped), so the client gets its answer
 * instead of a reset connection.
 */
function detachable(file: Readable): Readable {
  if (file.destroyed) {
    // A body cut off mid-file fails the part before a listener exists, and a copy piped from it
    // would never end; this one fails once the store reads it (and so listens for the error).
    const error = file.errored ?? new Error('The upload ended before the file did');
    return new Readable({
      read() {
        this.destroy(error);
      },
    });
  }
  const copy = new PassThrough();
  file.on('error', (error) => copy.destroy(error));
  file.pipe(copy);
  return copy;
}
