import { Factories, type TestApp } from '@msc/testing';

export const DAY = 86_400_000;

export const SCORES = {
  coverage_pacing: 'competent',
  relational_skills: 'proficient',
  embodiment: 'competent',
  guiding_practices: 'advanced',
  inquiry: 'competent',
  holding_the_group: 'competent',
};

export function insertPracticum(
  app: TestApp,
  traineeId: string,
  mentorId: string,
  status: 'active' | 'closed' = 'active',
): Promise<string> {
  return new Factories(app).practicum({ traineeId, mentorId, status });
}

/** A cohort (with weekly sessions) whose course and cohort carry the given titles. */
export async function insertTitledCohort(
  app: TestApp,
  titles: { course: string; cohort: string },
  teachers: { userId: string; role: 'lead' | 'co_teacher' }[] = [],
): Promise<string> {
  const cohort = await new Factories(app).cohort({
    course: { title: titles.course },
    title: titles.cohort,
    firstSessionAt: new Date('2026-01-05T18:00:00Z'),
    teachers,
  });
  return cohort.id;
}

/**
 * A recording as the probe and the assignment would leave it: `awaiting_review` with a reviewer
 * assigned `assignedDaysAgo` and due `dueInDays` from now, or `reviewed` with a review of the given
 * outcome.
 */
export async function insertRecording(
  app: TestApp,
  input: {
    practicumId: string;
    traineeId: string;
    cohortId: string;
    sessionNumber?: number;
    status?: 'processing' | 'awaiting_review' | 'reviewed' | 'rejected';
    reviewerId?: string | null;
    assignedDaysAgo?: number;
    dueInDays?: number;
    outcome?: 'competent' | 'needs_work';
    createdMinutesAgo?: number;
  },
): Promise<string> {
  const factories = new Factories(app);
  const status = input.status ?? 'awaiting_review';
  const assigned = status === 'awaiting_review' || status === 'reviewed';
  const now = Date.now();
  const id = await factories.recording({
    ...input,
    status,
    originalFilename: 'session.wav',
    sizeBytes: 1000,
    reviewerId: assigned ? input.reviewerId : null,
    assignedAt: new Date(now - (input.assignedDaysAgo ?? 1) * DAY),
    dueAt: new Date(now + (input.dueInDays ?? 9) * DAY),
    createdAt: new Date(now - (input.createdMinutesAgo ?? 0) * 60_000),
  });
  if (status === 'reviewed') {
    await factories.mentorReview(id, input.reviewerId!, { scores: SCORES, outcome: input.outcome });
  }
  return id;
}
