import { Injectable } from '@nestjs/common';

/** CE credit issuance (being built: fan-out over eligible enrollments, chunked bulk inserts). */
@Injectable()
export class CeCreditsService {
  async issueForCohort(cohortId: string): Promise<{ cohortId: string; chunks: number }> {
    throw new Error(`CE issuance is not built yet (cohort ${cohortId})`);
  }
}
