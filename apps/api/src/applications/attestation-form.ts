import type { AttestationsService, StoredEvidence } from '@msc/domain/applications';
import type { UploadForm } from '../http/upload-form.js';
import { createValidationPipe } from '../http/validation.js';
import { SubmitAttestationFields } from './dto/attestations.dto.js';

/**
 * The multipart attestation form: kind and statement, and the file `evidence` (its absence is
 * the service's to refuse, once the fields are valid).
 */
export function attestationForm(
  attestations: AttestationsService,
): UploadForm<SubmitAttestationFields, StoredEvidence> {
  return {
    multipartRequired:
      'Send the attestation as multipart/form-data: kind, statement and the file evidence',
    textFields: new Set(['kind', 'statement']),
    file: { field: 'evidence', maxBytes: attestations.evidenceMaxBytes },
    store: (file, fileName) => attestations.storeEvidence(file, fileName),
    discard: (evidence) => attestations.discardEvidence(evidence),
    parse: async (values) =>
      (await createValidationPipe().transform(values, {
        type: 'body',
        metatype: SubmitAttestationFields,
      })) as SubmitAttestationFields,
  };
}
