import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@msc/db';
import { courseSql } from '@msc/domain/courses';
import { type JobItem, JobName, type UndoneWorkFinder } from '@msc/queue';

/** Completed CE-eligible cohorts with an eligible enrollment (attended, requested CE) uncredited. */
@Injectable()
export class UndoneCeCredits implements UndoneWorkFinder {
  readonly kind = 'ceCredits';

  constructor(private readonly tx: TransactionHost) {}

  async find(settledBefore: Date, limit: number): Promise<JobItem[]> {
    const rows = await this.tx.query<{ id: string }>(
      `SELECT c.id FROM ${courseSql.completedCeCohorts} c
       WHERE c.completed_at <= $1
         AND EXISTS (
           SELECT 1 FROM ${courseSql.ceQualifyingAttendedEnrollments} e
           WHERE e.cohort_id = c.id
             AND NOT EXISTS (SELECT 1 FROM ce_credits cc WHERE cc.enrollment_id = e.enrollment_id)
         )
       ORDER BY c.id LIMIT ${limit}`,
      [settledBefore],
    );
    return rows.map((row) => ({ name: JobName.IssueCohortCeCredits, data: { cohortId: row.id } }));
  }
}
