import { Injectable } from '@nestjs/common';
import {
  type EvaluationInput,
  type EvidenceBinder,
  type EvidenceInput,
  type EvidenceSql,
  type RequirementDefinition,
  type RequirementEvaluator,
  RequirementKind,
  type RequirementResult,
  moreOf,
} from '@msc/domain/pathway';
import { rankOf, RUBRIC_DOMAINS, RUBRIC_LEVELS } from './practicum.config.js';
import { PracticumSessionKind } from './practicum-session.entity.js';
import {
  type CoursesTaughtParams,
  type SessionsLoggedParams,
  tallySessions,
  tallyTaught,
} from './teaching-evidence.js';
import {
  type ReviewJson,
  type SessionJson,
  type TaughtJson,
  TeachingEvidenceRepository,
} from './teaching-evidence.repository.js';

const isPositiveInt = (v: unknown) => Number.isInteger(v) && (v as number) >= 1;
const isNonNegativeInt = (v: unknown) => Number.isInteger(v) && (v as number) >= 0;
const isStringList = (v: unknown) =>
  Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'string');
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function unknownParams(params: Record<string, unknown>, known: string[]): string[] {
  return Object.keys(params)
    .filter((key) => !known.includes(key))
    .map((key) => `unknown param "${key}"`);
}

export function coursesTaughtProblems(params: Record<string, unknown>): string[] {
  const problems = unknownParams(params, [
    'count',
    'minParticipants',
    'formats',
    'roles',
    'consecutive',
  ]);
  if (!isPositiveInt(params.count)) problems.push('count must be a whole number of at least 1');
  if (!isNonNegativeInt(params.minParticipants))
    problems.push('minParticipants must be a whole number of at least 0');
  if (!isStringList(params.formats)) problems.push('formats must list course formats');
  if (
    !isStringList(params.roles) ||
    !(params.roles as string[]).every((r) => r === 'lead' || r === 'co_teacher')
  )
    problems.push('roles must list lead and/or co_teacher');
  if (params.consecutive !== undefined && typeof params.consecutive !== 'boolean')
    problems.push('consecutive must be true or false');
  return problems;
}

export function sessionsLoggedProblems(params: Record<string, unknown>): string[] {
  const problems = unknownParams(params, ['sessionKind', 'count', 'during', 'minMinutes']);
  if (!(Object.values(PracticumSessionKind) as unknown[]).includes(params.sessionKind))
    problems.push(`sessionKind must be one of ${Object.values(PracticumSessionKind).join(', ')}`);
  if (!isPositiveInt(params.count)) problems.push('count must be a whole number of at least 1');
  if (params.during !== undefined && typeof params.during !== 'string')
    problems.push('during must name a courses_taught requirement key');
  if (params.minMinutes !== undefined && !isPositiveInt(params.minMinutes))
    problems.push('minMinutes must be a whole number of at least 1');
  return problems;
}

export function recordingsApprovedProblems(params: Record<string, unknown>): string[] {
  const problems = unknownParams(params, ['count', 'minLevel']);
  if (!isPositiveInt(params.count)) problems.push('count must be a whole number of at least 1');
  if (rankOf(String(params.minLevel)) === -1)
    problems.push(`minLevel must be one of ${RUBRIC_LEVELS.join(', ')}`);
  return problems;
}

function result(
  have: number,
  need: number,
  metAt: Date | null,
  detail: string,
  nextStep: string,
): RequirementResult {
  const met = have >= need;
  return {
    met,
    have,
    need,
    detail,
    nextStep: met ? undefined : nextStep,
    metAt: met ? metAt : null,
  };
}

const taughtParams = (params: Record<string, unknown>) => params as unknown as CoursesTaughtParams;
const sessionsParams = (requirement: RequirementDefinition) =>
  requirement.params as unknown as SessionsLoggedParams & { during?: string };

interface TaughtEvidence {
  taught: TaughtJson[];
}

interface SessionsEvidence {
  sessions: SessionJson[];
  /** Present when a requirement counts sessions `during` a courses_taught requirement. */
  taught?: TaughtJson[];
}

interface ReviewsEvidence {
  reviews: ReviewJson[];
}

/** `courses_taught`: completed cohorts the trainee taught, of the formats and size asked. */
@Injectable()
export class CoursesTaughtEvaluator implements RequirementEvaluator<TaughtEvidence> {
  readonly kind = RequirementKind.CoursesTaught;

  constructor(private readonly teaching: TeachingEvidenceRepository) {}

  validateParams(params: Record<string, unknown>): string[] {
    return coursesTaughtProblems(params);
  }

  evidence(_input: EvidenceInput, bind: EvidenceBinder): EvidenceSql<TaughtEvidence> {
    return { taught: this.teaching.coursesTaughtSql(bind.trainee) };
  }

  judge(input: EvaluationInput, { taught }: TaughtEvidence): Map<string, RequirementResult> {
    const courses = this.teaching.coursesTaught(taught);
    const results = new Map<string, RequirementResult>();
    for (const requirement of input.requirements) {
      const params = taughtParams(requirement.params);
      const { have, metAt } = tallyTaught(courses, params);
      const what = params.consecutive ? 'non-overlapping courses' : 'courses';
      results.set(
        requirement.key,
        result(
          have,
          params.count,
          metAt,
          `Taught ${Math.min(have, params.count)} of the ${params.count} ${what} needed (at least ${params.minParticipants} enrolled each)`,
          `Teach ${plural(params.count - have, 'more course')} (${params.formats.join(' or ')}) with at least ${params.minParticipants} participants${params.consecutive ? ', not overlapping the others' : ''}`,
        ),
      );
    }
    return results;
  }
}

/** `sessions_logged`: practicum sessions of a kind, optionally only during a co-taught course. */
@Injectable()
export class SessionsLoggedEvaluator implements RequirementEvaluator<SessionsEvidence> {
  readonly kind = RequirementKind.SessionsLogged;

  constructor(private readonly teaching: TeachingEvidenceRepository) {}

  validateParams(params: Record<string, unknown>): string[] {
    return sessionsLoggedProblems(params);
  }

  evidence(input: EvidenceInput, bind: EvidenceBinder): EvidenceSql<SessionsEvidence> {
    const params = input.requirements.map(sessionsParams);
    const kinds = bind.value([...new Set(params.map((p) => p.sessionKind))], 'text[]');
    return {
      sessions: this.teaching.sessionsSql(bind.trainee, kinds),
      // Read only when a requirement counts sessions during a course taught; then the same SQL as
      // courses_taught's, read once for both.
      ...(params.some((p) => p.during) && {
        taught: this.teaching.coursesTaughtSql(bind.trainee),
      }),
    };
  }

  judge(input: EvaluationInput, read: SessionsEvidence): Map<string, RequirementResult> {
    const params = input.requirements.map(sessionsParams);
    const sessions = this.teaching.sessions(read.sessions);
    const courses = this.teaching.coursesTaught(read.taught ?? []);
    const referenced = input.pathway.flatMap((stage) => stage.requirements);
    const byKey = new Map(referenced.map((r) => [r.key, r]));
    const results = new Map<string, RequirementResult>();
    input.requirements.forEach((requirement, i) => {
      const p = params[i]!;
      let windows: { startsAt: Date; endsAt: Date }[] | undefined;
      if (p.during) {
        const target = byKey.get(p.during);
        windows =
          target && target.kind === RequirementKind.CoursesTaught
            ? tallyTaught(courses, taughtParams(target.params)).counted
            : [];
      }
      const { have, metAt } = tallySessions(sessions, p, windows);
      const label = `${p.sessionKind} session`;
      results.set(
        requirement.key,
        result(
          have,
          p.count,
          metAt,
          `Logged ${Math.min(have, p.count)} of the ${plural(p.count, label)} needed${p.during ? ' while co-teaching' : ''}`,
          p.during && windows?.length === 0
            ? `Co-teach a qualifying course; ${label}s count while you teach it`
            : `Attend ${plural(p.count - have, `more ${label}`)}; your mentor logs them`,
        ),
      );
    });
    return results;
  }
}

/** `recordings_approved`: recordings whose latest review reaches `minLevel` in every domain. */
@Injectable()
export class RecordingsApprovedEvaluator implements RequirementEvaluator<ReviewsEvidence> {
  readonly kind = RequirementKind.RecordingsApproved;

  constructor(private readonly teaching: TeachingEvidenceRepository) {}

  validateParams(params: Record<string, unknown>): string[] {
    return recordingsApprovedProblems(params);
  }

  evidence(_input: EvidenceInput, bind: EvidenceBinder): EvidenceSql<ReviewsEvidence> {
    return { reviews: this.teaching.latestReviewsSql(bind.trainee) };
  }

  judge(input: EvaluationInput, read: ReviewsEvidence): Map<string, RequirementResult> {
    const reviews = this.teaching.latestReviews(read.reviews);
    const lowest = reviews
      .map((r) => ({
        rank: Math.min(...RUBRIC_DOMAINS.map((d) => rankOf(String(r.scores[d])))),
        reviewedAt: r.reviewedAt,
      }))
      .sort((a, b) => a.reviewedAt.getTime() - b.reviewedAt.getTime());
    const results = new Map<string, RequirementResult>();
    for (const requirement of input.requirements) {
      const count = Number(requirement.params.count);
      const minLevel = String(requirement.params.minLevel);
      const passing = lowest.filter((r) => r.rank >= rankOf(minLevel));
      results.set(
        requirement.key,
        result(
          passing.length,
          count,
          passing[count - 1]?.reviewedAt ?? null,
          `${Math.min(passing.length, count)} of the ${plural(count, 'recording')} needed rated ${minLevel.replace(/_/g, ' ')} or above in every domain`,
          `Upload teaching recordings for review; ${moreOf(count - passing.length)} rated ${minLevel.replace(/_/g, ' ')} or above needed`,
        ),
      );
    }
    return results;
  }
}
