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
import { ApplicationKind } from './training-application.entity.js';
import {
  type ApplicationStandingRow,
  TrainingApplicationsRepository,
} from './training-applications.repository.js';

const KINDS = new Set<string>(Object.values(ApplicationKind));
const isKind = (value: unknown): value is ApplicationKind =>
  typeof value === 'string' && KINDS.has(value);

export function judgeApplication(standing: ApplicationStandingRow | undefined): RequirementResult {
  if (standing?.approved_at) {
    return {
      met: true,
      have: 1,
      need: 1,
      detail: `Approved on ${standing.approved_at.toISOString().slice(0, 10)}`,
      metAt: standing.approved_at,
    };
  }
  if (standing?.submitted) {
    return {
      met: false,
      have: 0,
      need: 1,
      detail: 'Submitted; waiting for a decision',
      nextStep: 'Wait for an administrator to decide your application',
    };
  }
  return {
    met: false,
    have: 0,
    need: 1,
    detail: standing?.rejected
      ? `Not accepted${standing.rejection_note ? `: ${standing.rejection_note}` : ''}`
      : 'Not submitted yet',
    // The engine shows this only once every earlier stage is met, so the trainee may apply now.
    nextStep: standing?.rejected
      ? 'Talk to the training team, then apply for teacher training again'
      : 'Apply for teacher training',
  };
}

/** What the evaluator reads: where each application kind the requirements name stands. */
interface ApplicationEvidence {
  standing: (Omit<ApplicationStandingRow, 'approved_at'> & { approved_at: string | null })[];
}

/** The `application_approved` requirement kind: `{ applicationKind: 'teacher_training' }`. */
@Injectable()
export class ApplicationApprovedEvaluator implements RequirementEvaluator<ApplicationEvidence> {
  readonly kind = RequirementKind.ApplicationApproved;

  constructor(private readonly applications: TrainingApplicationsRepository) {}

  validateParams(params: Record<string, unknown>): string[] {
    return isKind(params.applicationKind)
      ? []
      : [`applicationKind must be one of: ${[...KINDS].join(', ')}`];
  }

  evidence(input: EvidenceInput, bind: EvidenceBinder): EvidenceSql<ApplicationEvidence> {
    const kinds = [
      ...new Set(input.requirements.map((r) => r.params.applicationKind).filter(isKind)),
    ];
    return { standing: this.applications.standingSql(bind.trainee, bind.value(kinds, 'text[]')) };
  }

  judge(input: EvaluationInput, evidence: ApplicationEvidence): Map<string, RequirementResult> {
    const standing = new Map(
      evidence.standing.map((row) => [
        row.kind,
        { ...row, approved_at: jsonDate(row.approved_at) },
      ]),
    );
    const results = new Map<string, RequirementResult>();
    for (const requirement of input.requirements) {
      const kind = requirement.params.applicationKind;
      results.set(
        requirement.key,
        isKind(kind)
          ? judgeApplication(standing.get(kind))
          : { met: false, have: 0, need: 1, detail: 'This requirement is misconfigured' },
      );
    }
    return results;
  }
}
