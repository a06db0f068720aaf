import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { Actor } from '@msc/kernel';
import type {
  RecordingFields,
  RecordingSubmissionService,
  StoredRecordingFile,
} from '@msc/domain/practicum';
import { StorageError, StorageErrorCode } from '@msc/storage';
import { ApiProblem } from '../http/api-problem.js';
import type { UploadForm } from '../http/upload-form.js';
import { flattenValidationErrors } from '../http/validation.js';
import { RecordingFieldsDto } from './dto/practicum.dto.js';

export const RECORDING_FIELD_NAMES = ['cohortId', 'sessionNumber', 'consentConfirmed'];

async function recordingFields(fields: Record<string, string>): Promise<RecordingFields> {
  const dto = plainToInstance(RecordingFieldsDto, fields);
  const errors = await validate(dto, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length) {
    const fieldErrors = flattenValidationErrors(errors);
    throw new ApiProblem(400, 'validation', fieldErrors.map((e) => e.message).join('; '), {
      errors: fieldErrors,
    });
  }
  return { cohortId: dto.cohortId, sessionNumber: dto.sessionNumber };
}

/**
 * The multipart recording upload of `uploader`: the file `file` and the fields beside it, judged
 * by validation. Fields sent before the file are checked before a byte of it is stored.
 */
export function recordingForm(
  recordings: RecordingSubmissionService,
  maxBytes: number,
  uploader: Actor,
): UploadForm<RecordingFields, StoredRecordingFile> & { file: { required: true } } {
  return {
    multipartRequired: 'Send the recording as multipart/form-data',
    file: {
      field: 'file',
      maxBytes,
      required: true,
      misplaced: 'The recording goes in the field "file"',
    },
    async beforeStore(values) {
      if (!RECORDING_FIELD_NAMES.every((name) => name in values)) return undefined;
      const fields = await recordingFields(values);
      await recordings.checkFields(uploader, fields);
      return fields;
    },
    store: (file, fileName) =>
      recordings.storeFile(file, fileName).catch((error: unknown) => {
        if (error instanceof StorageError && error.code === StorageErrorCode.TooLarge) {
          throw new ApiProblem(
            413,
            'recording-too-large',
            `A recording may be at most ${maxBytes} bytes`,
            { maxBytes },
          );
        }
        throw error;
      }),
    discard: (stored) => recordings.discardFile(stored),
    parse: recordingFields,
  };
}
