import { Injectable } from '@nestjs/common';
import {
  type EvaluationInput,
  type EvidenceBinder,
  type EvidenceInput,
  type EvidenceSql,
  evidenceRows,
  jsonDate,
  type RequirementDefinition,
  RequirementKind,
  type RequirementEvaluator,
  type RequirementResult,
  countOf,
  moreOf,
  ofNeeded,
} from '@msc/domain/pathway';
import { CohortStatus } from './cohort.entity.js';
import { CourseFormat } from './course.entity.js';

interface EnrollmentEvidence {
  cohort_title: string;
  course_title: string;
  format: CourseFormat;
  status: 'enrolled' | 'waitlisted';
  cohort_status: CohortStatus;
  completed_at: Date | null;
  attended: number;
  completion_min_sessions: number;
  sessions_left: number;
  /** Past sessions with no attendance recorded for the trainee yet (admins enter old records). */
  sessions_unrecorded: number;
  waitlist_position: number | null;
}

const FORMAT_PHRASE: Record<CourseFormat, string> = {
  [CourseFormat.Msc8Week]: 'an 8-week MSC course',
  [CourseFormat.MscIntensive]: 'an MSC Intensive',
  [CourseFormat.TeacherTraining]: 'a teacher-training course',
  [CourseFormat.TeacherTrainingPracticum]: 'the Teacher Training Practicum',
};

const FORMATS = new Set<string>(Object.values(CourseFormat));

function formatsOf(requirement: RequirementDefinition): CourseFormat[] {
  const formats = requirement.params.formats;
  return Array.isArray(formats)
    ? formats.filter((f): f is CourseFormat => typeof f === 'string' && FORMATS.has(f))
    : [];
}

/** What the evaluator reads: the trainee's enrollments of the formats, and each format's minimum. */
interface CourseEvidence {
  enrollments: (Omit<EnrollmentEvidence, 'completed_at'> & { completed_at: string | null })[];
  minimums: { format: CourseFormat; need: number }[];
}

/**
 * `course_completed { formats }`: met by an enrollment completed in a cohort of a course of one of
 * the formats. have/need are the attended sessions and the completion minimum of the best
 * enrollment. Two parts of the progress statement for every requirement of the kind at once.
 */
@Injectable()
export class CourseCompletedEvaluator implements RequirementEvaluator<CourseEvidence> {
  readonly kind = RequirementKind.CourseCompleted;

  validateParams(params: Record<string, unknown>): string[] {
    const formats = params.formats;
    if (!Array.isArray(formats) || formats.length === 0)
      return ['formats must be a non-empty list of course formats'];
    const unknown = formats.filter((f) => typeof f !== 'string' || !FORMATS.has(f));
    return unknown.length
      ? [
          `unknown course formats: ${unknown.map(String).join(', ')} (known: ${[...FORMATS].join(', ')})`,
        ]
      : [];
  }

  evidence(input: EvidenceInput, bind: EvidenceBinder): EvidenceSql<CourseEvidence> {
    const wanted = bind.value([...new Set(input.requirements.flatMap(formatsOf))], 'text[]');
    return {
      enrollments: evidenceRows(
        `SELECT c.title AS cohort_title, co.title AS course_title, co.format, e.status,
                c.status AS cohort_status,
                CASE WHEN e.completed_at <= ${bind.now} THEN e.completed_at END AS completed_at,
                co.completion_min_sessions,
                (SELECT count(*)::int FROM attendance_records a
                  WHERE a.cohort_id = e.cohort_id AND a.user_id = e.user_id
                    AND a.status = 'present') AS attended,
                (SELECT count(*)::int FROM cohort_sessions s
                  WHERE s.cohort_id = e.cohort_id AND s.starts_at > ${bind.now}) AS sessions_left,
                (SELECT count(*)::int FROM cohort_sessions s
                  WHERE s.cohort_id = e.cohort_id AND s.starts_at <= ${bind.now}
                    AND NOT EXISTS (SELECT 1 FROM attendance_records a
                                    WHERE a.session_id = s.id AND a.user_id = e.user_id))
                  AS sessions_unrecorded,
                CASE WHEN e.status = 'waitlisted' THEN (
                  SELECT count(*)::int FROM enrollments w
                  WHERE w.cohort_id = e.cohort_id AND w.status = 'waitlisted'
                    AND (w.waitlisted_at, w.id) <= (e.waitlisted_at, e.id)) END AS waitlist_position
         FROM enrollments e
         JOIN cohorts c ON c.id = e.cohort_id
         JOIN courses co ON co.id = c.course_id
         WHERE e.user_id = ${bind.trainee} AND e.status IN ('enrolled', 'waitlisted')
           AND co.format = ANY(${wanted})`,
      ),
      minimums: evidenceRows(
        `SELECT format, min(completion_min_sessions)::int AS need FROM courses
         WHERE format = ANY(${wanted}) GROUP BY format`,
      ),
    };
  }

  judge(input: EvaluationInput, read: CourseEvidence): Map<string, RequirementResult> {
    const evidence = read.enrollments.map((e) => ({
      ...e,
      completed_at: jsonDate(e.completed_at),
    }));
    const results = new Map<string, RequirementResult>();
    for (const requirement of input.requirements) {
      const formats = formatsOf(requirement);
      results.set(
        requirement.key,
        judge(
          formats,
          evidence.filter((e) => formats.includes(e.format)),
          read.minimums.filter((m) => formats.includes(m.format)),
        ),
      );
    }
    return results;
  }
}

function judge(
  formats: CourseFormat[],
  evidence: EnrollmentEvidence[],
  minimums: { need: number }[],
): RequirementResult {
  const enrollIn = `Enroll in ${formats.map((f) => FORMAT_PHRASE[f]).join(' or ') || 'a course'}`;
  const completed = evidence
    .filter((e) => e.completed_at !== null)
    .sort((a, b) => a.completed_at!.getTime() - b.completed_at!.getTime());
  const first = completed[0];
  if (first) {
    return {
      met: true,
      have: first.attended,
      need: first.completion_min_sessions,
      detail: `Completed ${first.course_title} (${first.cohort_title}), attending ${ofNeeded(first.attended, first.completion_min_sessions, 'session')}`,
      metAt: first.completed_at,
    };
  }
  // Still within reach: enrolled in a cohort not yet completed that can reach its minimum.
  const reachable = evidence
    .filter(
      (e) =>
        e.status === 'enrolled' &&
        e.cohort_status !== CohortStatus.Completed &&
        e.cohort_status !== CohortStatus.Cancelled &&
        e.attended + e.sessions_left + e.sessions_unrecorded >= e.completion_min_sessions,
    )
    .sort(
      (a, b) => b.attended / b.completion_min_sessions - a.attended / a.completion_min_sessions,
    );
  const best = reachable[0];
  if (best) {
    const missing = best.completion_min_sessions - best.attended;
    return {
      met: false,
      have: best.attended,
      need: best.completion_min_sessions,
      detail: `Attended ${ofNeeded(best.attended, best.completion_min_sessions, 'session')} in ${best.cohort_title}`,
      nextStep:
        missing <= 0
          ? `Your attendance is enough: ${best.cohort_title} counts once it is completed`
          : best.sessions_left > 0
            ? `Attend ${moreOf(missing, 'session')} of ${best.cohort_title}`
            : `Attendance for ${countOf(best.sessions_unrecorded, 'past session')} of ${best.cohort_title} is not recorded yet; the course's teachers or an admin record it`,
      nextTarget: '/my-courses',
      metAt: null,
    };
  }
  const waiting = evidence
    .filter(
      (e) =>
        e.status === 'waitlisted' &&
        e.cohort_status !== CohortStatus.Completed &&
        e.cohort_status !== CohortStatus.Cancelled,
    )
    .sort((a, b) => (a.waitlist_position ?? 0) - (b.waitlist_position ?? 0))[0];
  const need = Math.min(...minimums.map((m) => m.need), Infinity);
  const fallbackNeed = Number.isFinite(need) ? need : 1;
  if (waiting) {
    return {
      met: false,
      have: 0,
      need: waiting.completion_min_sessions,
      detail: `Number ${waiting.waitlist_position} on the waitlist of ${waiting.cohort_title}`,
      nextStep: `Wait for a seat in ${waiting.cohort_title} (number ${waiting.waitlist_position} on its waitlist), or ${enrollIn.charAt(0).toLowerCase()}${enrollIn.slice(1)} with free seats`,
      metAt: null,
    };
  }
  const missed = evidence.find((e) => e.status === 'enrolled');
  return {
    met: false,
    have: missed?.attended ?? 0,
    need: missed?.completion_min_sessions ?? fallbackNeed,
    detail: missed
      ? `Attended ${ofNeeded(missed.attended, missed.completion_min_sessions, 'session')} in ${missed.cohort_title}, which can no longer be completed`
      : 'Not enrolled in a course of this kind yet',
    nextStep: enrollIn,
    metAt: null,
  };
}
