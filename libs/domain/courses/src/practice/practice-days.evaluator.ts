import { Injectable } from '@nestjs/common';
import {
  type EvaluationInput,
  type EvidenceBinder,
  type EvidenceInput,
  type EvidenceSql,
  RequirementKind,
  type RequirementEvaluator,
  type RequirementResult,
  moreOf,
} from '@msc/domain/pathway';
import { type CalendarDate, daysInWindow, startOfDayIn, todayIn } from './practice-calendar.js';
import { PracticeLogsRepository } from './practice-logs.repository.js';

interface PracticeDaysParams {
  days: number;
  windowDays: number;
}

const isPositiveInt = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value > 0;

function paramsOf(params: Record<string, unknown>): PracticeDaysParams | null {
  const { days, windowDays } = params;
  if (!isPositiveInt(days) || !isPositiveInt(windowDays) || days > windowDays) return null;
  return { days, windowDays };
}

/** Judges the rolling window of logged practice in the trainee's own calendar. */
export function judgePracticeDays(
  params: PracticeDaysParams,
  days: readonly CalendarDate[],
  today: CalendarDate,
  zone: string,
): RequirementResult {
  const inWindow = daysInWindow(days, today, params.windowDays);
  const have = inWindow.length;
  const sentence = `Practised on ${have} of the last ${params.windowDays} days (${params.days} needed)`;
  if (have >= params.days) {
    // On the day the window's days-th practice day was logged, the requirement was met.
    const metOn = inWindow[params.days - 1]!;
    return {
      met: true,
      have,
      need: params.days,
      detail: sentence,
      metAt: startOfDayIn(metOn, zone),
    };
  }
  const missing = params.days - have;
  return {
    met: false,
    have,
    need: params.days,
    detail: sentence,
    nextStep: `Practise and log it on ${moreOf(missing, 'day')}: ${params.days} of the last ${params.windowDays} days are needed`,
  };
}

/** What the evaluator reads: the trainee's time zone and the days they logged practice lately. */
interface PracticeEvidence {
  practice: { time_zone: string; days: CalendarDate[] } | null;
}

/** The `practice_days` requirement kind: `{ days: 45, windowDays: 60 }`. */
@Injectable()
export class PracticeDaysEvaluator implements RequirementEvaluator<PracticeEvidence> {
  readonly kind = RequirementKind.PracticeDays;

  constructor(private readonly logs: PracticeLogsRepository) {}

  validateParams(params: Record<string, unknown>): string[] {
    return paramsOf(params)
      ? []
      : ['practice_days needs positive whole numbers days and windowDays, days <= windowDays'];
  }

  evidence(input: EvidenceInput, bind: EvidenceBinder): EvidenceSql<PracticeEvidence> {
    const widest = Math.max(
      1,
      ...input.requirements.map((r) => paramsOf(r.params)?.windowDays ?? 1),
    );
    // A day of margin: the trainee's today may lie a day either side of UTC's.
    const since = `(${bind.now} AT TIME ZONE 'UTC')::date - ${bind.value(widest + 1, 'int')}`;
    return { practice: this.logs.daysSinceSql(bind.trainee, since) };
  }

  judge(input: EvaluationInput, { practice }: PracticeEvidence): Map<string, RequirementResult> {
    const zone = practice?.time_zone ?? 'UTC';
    const today = todayIn(zone, input.now);
    const results = new Map<string, RequirementResult>();
    for (const requirement of input.requirements) {
      const params = paramsOf(requirement.params);
      results.set(
        requirement.key,
        params
          ? judgePracticeDays(params, practice?.days ?? [], today, zone)
          : { met: false, have: 0, need: 1, detail: 'This requirement is misconfigured' },
      );
    }
    return results;
  }
}
