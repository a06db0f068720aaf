import { Injectable } from '@nestjs/common';
import {
  type EvaluationInput,
  type EvidenceBinder,
  type EvidenceInput,
  type EvidenceSql,
  jsonDate,
  RequirementKind,
  type RequirementEvaluator,
  type RequirementResult,
} from '@msc/domain/pathway';
import { AttestationKind } from './attestation.entity.js';
import { type AttestationStandingRow, AttestationsRepository } from './attestations.repository.js';
import { ATTESTATION_KIND_TITLES } from './attestations.service.js';

const KINDS = new Set<string>(Object.values(AttestationKind));
const isKind = (value: unknown): value is AttestationKind =>
  typeof value === 'string' && KINDS.has(value);

/** Met once any attestation of the kind is verified: a later one, pending or rejected, changes nothing. */
export function judgeAttestation(
  kind: AttestationKind,
  standing: AttestationStandingRow | undefined,
): RequirementResult {
  const what = ATTESTATION_KIND_TITLES[kind];
  if (standing?.verified_at) {
    return {
      met: true,
      have: 1,
      need: 1,
      detail: `Verified on ${standing.verified_at.toISOString().slice(0, 10)}`,
      metAt: standing.verified_at,
    };
  }
  if (standing?.pending) {
    return {
      met: false,
      have: 0,
      need: 1,
      detail: 'Submitted; waiting for an administrator to verify it',
      nextStep: `Wait for an administrator to verify your attestation of ${what}`,
    };
  }
  if (standing?.rejected) {
    return {
      met: false,
      have: 0,
      need: 1,
      detail: `Not accepted${standing.rejection_note ? `: ${standing.rejection_note}` : ''}`,
      nextStep: `Submit a new attestation of ${what}, with an evidence file`,
    };
  }
  return {
    met: false,
    have: 0,
    need: 1,
    detail: 'Not submitted yet',
    nextStep: `Attest ${what}, with an evidence file`,
  };
}

/** What the evaluator reads: where each attestation kind the requirements name stands. */
interface AttestationEvidence {
  standing: (Omit<AttestationStandingRow, 'verified_at'> & { verified_at: string | null })[];
}

const kindsOf = (input: EvidenceInput) => [
  ...new Set(input.requirements.map((r) => r.params.attestation).filter(isKind)),
];

/** The `attestation_verified` requirement kind: `{ attestation: 'daily_practice_2y' }`. */
@Injectable()
export class AttestationVerifiedEvaluator implements RequirementEvaluator<AttestationEvidence> {
  readonly kind = RequirementKind.AttestationVerified;

  constructor(private readonly attestations: AttestationsRepository) {}

  validateParams(params: Record<string, unknown>): string[] {
    return isKind(params.attestation)
      ? []
      : [`attestation must be one of: ${[...KINDS].join(', ')}`];
  }

  evidence(input: EvidenceInput, bind: EvidenceBinder): EvidenceSql<AttestationEvidence> {
    return {
      standing: this.attestations.standingSql(bind.trainee, bind.value(kindsOf(input), 'text[]')),
    };
  }

  judge(input: EvaluationInput, evidence: AttestationEvidence): Map<string, RequirementResult> {
    const standing = new Map(
      evidence.standing.map((row) => [
        row.kind,
        { ...row, verified_at: jsonDate(row.verified_at) },
      ]),
    );
    const results = new Map<string, RequirementResult>();
    for (const requirement of input.requirements) {
      const kind = requirement.params.attestation;
      results.set(
        requirement.key,
        isKind(kind)
          ? judgeAttestation(kind, standing.get(kind))
          : { met: false, have: 0, need: 1, detail: 'This requirement is misconfigured' },
      );
    }
    return results;
  }
}
