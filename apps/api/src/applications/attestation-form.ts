import { PassThrough, Readable } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import type { AttestationsService, StoredEvidence } from '@msc/domain/applications';
import { ApiProblem } from '../http/api-problem.js';
import { multipartParts } from '../http/multipart.js';
import { createValidationPipe, type FieldError } from '../http/validation.js';
import { SubmitAttestationFields } from './dto/attestations.dto.js';

const TEXT_FIELDS = new Set(['kind', 'statement']);
const FILE_FIELD = 'evidence';

type PartsOptions = NonNullable<Parameters<FastifyRequest['parts']>[0]>;

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

/**
 * Reads the multipart attestation form: text fields collected, the `evidence` file streamed into
 * storage as it arrives (whatever the order of the parts). The whole request is always read, and
 * when anything is refused, the stored evidence is deleted before the refusal is thrown.
 */
export async function readAttestationForm(
  request: FastifyRequest,
  attestations: AttestationsService,
): Promise<{ fields: SubmitAttestationFields; evidence: StoredEvidence | null }> {
  if (!request.isMultipart()) {
    throw new ApiProblem(
      415,
      'multipart-required',
      'Send the attestation as multipart/form-data: kind, statement and the file evidence',
    );
  }
  const values: Record<string, string> = {};
  const problems: FieldError[] = [];
  let evidence: StoredEvidence | null = null;
  let refusal: unknown = null;
  const options = {
    // One byte past the limit reaches the store, which refuses it; the rest is dropped by busboy.
    limits: { fileSize: attestations.evidenceMaxBytes + 1, files: 1 },
    throwFileSizeLimit: false,
  } as PartsOptions;
  try {
    for await (const part of multipartParts(request, options)) {
      if (part.type === 'file') {
        if (part.fieldname !== FILE_FIELD) {
          problems.push({
            field: part.fieldname,
            message: `${part.fieldname} is not an accepted field`,
          });
        } else if (!refusal) {
          try {
            evidence = await attestations.storeEvidence(detachable(part.file), part.filename);
          } catch (error) {
            refusal = error;
          }
        }
        part.file.resume();
        continue;
      }
      if (!TEXT_FIELDS.has(part.fieldname)) {
        problems.push({
          field: part.fieldname,
          message: `${part.fieldname} is not an accepted field`,
        });
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
      throw new ApiProblem(
        400,
        'validation',
        problems.length === 1 ? problems[0]!.message : `${problems.length} fields are not valid`,
        { errors: problems },
      );
    }
    if (refusal) throw refusal;
    const fields = (await createValidationPipe().transform(values, {
      type: 'body',
      metatype: SubmitAttestationFields,
    })) as SubmitAttestationFields;
    return { fields, evidence };
  } catch (error) {
    await attestations.discardEvidence(evidence);
    throw error;
  }
}
