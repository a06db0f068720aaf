import { Injectable } from '@nestjs/common';
import {
  type EvaluationInput,
  type EvidenceBinder,
  type EvidenceInput,
  type EvidenceSql,
  jsonDate,
  type RequirementEvaluator,
  type RequirementResult,
  RequirementKind,
} from '@msc/domain/pathway';
import { ALL_DESIGNATIONS, DESIGNATIONS, type Designation } from './designation.js';
import { type DesignationEvidence, DesignationsRepository } from './designations.repository.js';

const isDesignation = (value: unknown): value is Designation =>
  ALL_DESIGNATIONS.includes(value as Designation);

/**
 * `admin_approval { designation }`: met while the trainee holds the designation an admin granted
 * (a revoked credential revokes it, and the requirement is unmet again).
 */
@Injectable()
export class AdminApprovalEvaluator implements RequirementEvaluator<DesignationEvidence> {
  readonly kind = RequirementKind.AdminApproval;

  constructor(private readonly designations: DesignationsRepository) {}

  validateParams(params: Record<string, unknown>): string[] {
    return isDesignation(params.designation)
      ? []
      : [`designation must be one of: ${ALL_DESIGNATIONS.join(', ')}`];
  }

  evidence(_input: EvidenceInput, bind: EvidenceBinder): EvidenceSql<DesignationEvidence> {
    return this.designations.standingSql(bind.trainee);
  }

  judge(
    input: EvaluationInput,
    { held, pending }: DesignationEvidence,
  ): Map<string, RequirementResult> {
    const grantedAt = new Map(held.map((d) => [d.designation, jsonDate(d.granted_at)]));
    const results = new Map<string, RequirementResult>();
    for (const requirement of input.requirements) {
      const designation = requirement.params.designation;
      if (!isDesignation(designation)) {
        results.set(requirement.key, {
          met: false,
          have: 0,
          need: 1,
          detail: `Unknown designation "${String(designation)}"`,
        });
        continue;
      }
      const name = DESIGNATIONS[designation].achievementName;
      const at = grantedAt.get(designation);
      if (at) {
        results.set(requirement.key, {
          met: true,
          have: 1,
          need: 1,
          detail: `Approved as a ${name}`,
          metAt: at,
        });
      } else if (pending.includes(designation)) {
        results.set(requirement.key, {
          met: false,
          have: 0,
          need: 1,
          detail: `Your request to be approved as a ${name} is under review`,
          nextStep: `Wait for an admin to review your ${name} request`,
        });
      } else {
        results.set(requirement.key, {
          met: false,
          have: 0,
          need: 1,
          detail: `Not yet approved as a ${name}`,
          nextStep: `Request the ${name} designation once the other requirements are met`,
        });
      }
    }
    return results;
  }
}
