import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import {
  type EvaluationInput,
  RequirementKind,
  type RequirementEvaluator,
  type RequirementResult,
  moreOf,
} from '@msc/domain/pathway';
import { addDays, type CalendarDate, daysInWindow, todayIn } from './practice-calendar.js';
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
      metAt: DateTime.fromISO(metOn, { zone }).startOf('day').toJSDate(),
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

/** The `practice_days` requirement kind: `{ days: 45, windowDays: 60 }`. */
@Injectable()
export class PracticeDaysEvaluator implements RequirementEvaluator {
  readonly kind = RequirementKind.PracticeDays;

  constructor(private readonly logs: PracticeLogsRepository) {}

  validateParams(params: Record<string, unknown>): string[] {
    return paramsOf(params)
      ? []
      : ['practice_days needs positive whole numbers days and windowDays, days <= windowDays'];
  }

  async evaluate(input: EvaluationInput): Promise<Map<string, RequirementResult>> {
    const results = new Map<string, RequirementResult>();
    const judged = input.requirements.map((r) => ({ key: r.key, params: paramsOf(r.params) }));
    const widest = Math.max(1, ...judged.map((j) => j.params?.windowDays ?? 1));
    // A day of margin: the trainee's today may lie a day either side of UTC's.
    const since = addDays(todayIn('UTC', input.now), -widest - 1);
    const found = await this.logs.daysSince(input.traineeId, since);
    const zone = found?.timeZone ?? 'UTC';
    const today = todayIn(zone, input.now);
    for (const { key, params } of judged) {
      results.set(
        key,
        params
          ? judgePracticeDays(params, found?.days ?? [], today, zone)
          : { met: false, have: 0, need: 1, detail: 'This requirement is misconfigured' },
      );
    }
    return results;
  }
}
