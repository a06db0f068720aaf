import { jest } from '@jest/globals';
import { DateTime } from 'luxon';
import { EvaluatorRegistry } from './evaluator-registry.js';
import {
  addMonthsUtc,
  deriveProgress,
  evaluateStages,
  NOT_TRACKED,
  planEvidence,
  type ReadEvidence,
  wholeMonthsBetween,
} from './progress-engine.js';
import {
  type EvaluationInput,
  type EvidenceSql,
  type RequirementEvaluator,
  RequirementKind,
  type RequirementResult,
  type StageDefinition,
} from './requirement.js';

const NOW = new Date('2027-06-15T12:00:00.000Z');

/** An evaluator answering from a table of results by key; unlisted keys are unmet 0 of 1. */
class FakeEvaluator implements RequirementEvaluator<{ fake: string }> {
  readonly calls: EvaluationInput[] = [];
  constructor(
    readonly kind: RequirementKind,
    private readonly answers: Record<string, Partial<RequirementResult>> = {},
  ) {}

  evidence(): EvidenceSql<{ fake: string }> {
    return { fake: `(SELECT '${this.kind}')` };
  }

  judge(input: EvaluationInput, evidence: { fake: string }): Map<string, RequirementResult> {
    this.calls.push(input);
    expect(evidence.fake).toBe(`read (SELECT '${this.kind}')`);
    return new Map(
      input.requirements.map((r) => [
        r.key,
        { met: false, have: 0, need: 1, detail: 'fake', ...this.answers[r.key] },
      ]),
    );
  }
}

const met = (metAt: string, extra: Partial<RequirementResult> = {}) => ({
  met: true,
  have: 1,
  need: 1,
  metAt: new Date(metAt),
  ...extra,
});

const STAGES: StageDefinition[] = [
  {
    key: 'course',
    title: 'Course',
    requirements: [
      {
        key: 'course.done',
        kind: RequirementKind.CourseCompleted,
        title: 'Finish the course',
        params: {},
      },
    ],
  },
  {
    key: 'practice',
    title: 'Practice',
    requirements: [
      {
        key: 'practice.wait',
        kind: RequirementKind.TimeSince,
        title: 'Wait',
        params: { sinceStage: 'course', months: 6 },
      },
      {
        key: 'practice.retreat',
        kind: RequirementKind.AttestationVerified,
        title: 'Go on a retreat',
        params: {},
      },
      {
        key: 'practice.teaching',
        kind: RequirementKind.AttestationVerified,
        title: 'Teach groups',
        params: {},
      },
      {
        key: 'practice.log',
        kind: RequirementKind.PracticeDays,
        title: 'Log practice',
        params: { days: 45 },
      },
    ],
  },
  {
    key: 'training',
    title: 'Training',
    requirements: [
      {
        key: 'training.done',
        kind: RequirementKind.CourseCompleted,
        title: 'Finish training',
        params: {},
      },
    ],
  },
  {
    key: 'certification',
    title: 'Certification',
    designation: 'certified_teacher',
    requirements: [
      {
        key: 'certification.recordings',
        kind: RequirementKind.RecordingsApproved,
        title: 'Get recordings approved',
        params: { count: 4 },
      },
    ],
  },
];

type AnyEvaluator = RequirementEvaluator<{ fake: string }> | RequirementEvaluator;

function registryWith(...evaluators: AnyEvaluator[]): EvaluatorRegistry {
  const registry = new EvaluatorRegistry();
  for (const evaluator of evaluators) registry.register(evaluator);
  return registry;
}

/** Answers each column of the composed SELECT with "read <its expression>", as if PostgreSQL had. */
const echo: ReadEvidence = async (sql) => {
  const row: Record<string, unknown> = {};
  for (const [, expression, column] of sql.matchAll(/(\(SELECT '[a-z_]+'\)) AS (e\d+)/g))
    row[column!] = `read ${expression}`;
  return row;
};

async function progressOf(stages: StageDefinition[], ...evaluators: AnyEvaluator[]) {
  return deriveProgress(
    await evaluateStages(registryWith(...evaluators), stages, { traineeId: 't-1', now: NOW }, echo),
  );
}

describe('progress engine', () => {
  it('should call each evaluator once with every requirement of its kind', async () => {
    const courses = new FakeEvaluator(RequirementKind.CourseCompleted);
    const attestations = new FakeEvaluator(RequirementKind.AttestationVerified);
    await progressOf(STAGES, courses, attestations);
    expect(courses.calls).toHaveLength(1);
    expect(courses.calls[0]!.requirements.map((r) => r.key)).toEqual([
      'course.done',
      'training.done',
    ]);
    expect(courses.calls[0]!.traineeId).toBe('t-1');
    expect(courses.calls[0]!.now).toBe(NOW);
    expect(attestations.calls).toHaveLength(1);
    expect(attestations.calls[0]!.requirements.map((r) => r.key)).toEqual([
      'practice.retreat',
      'practice.teaching',
    ]);
  });

  it('should show a new trainee the first stage in progress and the others locked', async () => {
    const sut = await progressOf(STAGES, new FakeEvaluator(RequirementKind.CourseCompleted));
    expect(sut.stages.map((s) => s.status)).toEqual(['in_progress', 'locked', 'locked', 'locked']);
    expect(sut.currentStage).toBe('course');
    expect(sut.designation).toBeNull();
    expect(sut.percentComplete).toBe(0);
    expect(sut.nextSteps).toEqual(['Finish the course']);
  });

  it('should report a kind without an evaluator as not tracked yet, with its count as need', async () => {
    const sut = await progressOf(STAGES);
    const recordings = sut.stages[3]!.requirements[0]!;
    expect(recordings).toMatchObject({ met: false, have: 0, need: 4, detail: NOT_TRACKED });
    expect(sut.stages[0]!.requirements[0]).toMatchObject({
      met: false,
      need: 1,
      detail: NOT_TRACKED,
    });
  });

  it('should meet time_since only once the months since the stage completion have passed', async () => {
    const sixMonthsAgo = new FakeEvaluator(RequirementKind.CourseCompleted, {
      'course.done': met('2026-12-15T12:00:00.000Z'),
    });
    const sut = await progressOf(STAGES, sixMonthsAgo);
    expect(sut.stages[1]!.requirements[0]).toMatchObject({
      key: 'practice.wait',
      met: true,
      have: 6,
      need: 6,
      metAt: '2027-06-15T12:00:00.000Z',
    });

    const fiveMonthsAgo = new FakeEvaluator(RequirementKind.CourseCompleted, {
      'course.done': met('2027-01-15T12:00:00.000Z'),
    });
    const waiting = await progressOf(STAGES, fiveMonthsAgo);
    expect(waiting.stages[1]!.requirements[0]).toMatchObject({ met: false, have: 5, need: 6 });
    expect(waiting.nextSteps).toContain(
      'Wait until 2027-07-15, 6 months after completing "Course"',
    );
  });

  it('should count time_since from the latest metAt of the stage it refers to', async () => {
    const stages: StageDefinition[] = [
      {
        key: 'a',
        title: 'A',
        requirements: [
          { key: 'a.one', kind: RequirementKind.CourseCompleted, title: 'One', params: {} },
          { key: 'a.two', kind: RequirementKind.AttestationVerified, title: 'Two', params: {} },
        ],
      },
      {
        key: 'b',
        title: 'B',
        requirements: [
          {
            key: 'b.wait',
            kind: RequirementKind.TimeSince,
            title: 'Wait',
            params: { sinceStage: 'a', months: 1 },
          },
        ],
      },
    ];
    const sut = await progressOf(
      stages,
      new FakeEvaluator(RequirementKind.CourseCompleted, {
        'a.one': met('2027-01-01T00:00:00.000Z'),
      }),
      new FakeEvaluator(RequirementKind.AttestationVerified, {
        'a.two': met('2027-05-20T00:00:00.000Z'),
      }),
    );
    expect(sut.stages[0]!.completedAt).toBe('2027-05-20T00:00:00.000Z');
    expect(sut.stages[1]!.requirements[0]).toMatchObject({ met: false, have: 0, need: 1 });
    expect(sut.nextSteps).toEqual(['Wait until 2027-06-20, 1 month after completing "A"']);
  });

  it('should leave time_since unmet while the stage it counts from is incomplete', async () => {
    const sut = await progressOf(STAGES, new FakeEvaluator(RequirementKind.CourseCompleted));
    expect(sut.stages[1]!.requirements[0]).toMatchObject({ met: false, have: 0, need: 6 });
    expect(sut.stages[1]!.requirements[0]!.detail).toMatch(/not complete yet/);
  });

  it('should mark a later stage with a met requirement in progress and count percent over all', async () => {
    const sut = await progressOf(
      STAGES,
      new FakeEvaluator(RequirementKind.CourseCompleted, {
        'course.done': met('2026-01-01T00:00:00.000Z'),
        'training.done': met('2027-01-01T00:00:00.000Z'),
      }),
      new FakeEvaluator(RequirementKind.PracticeDays, {
        'practice.log': { met: false, have: 30, need: 45, detail: '30 of 45 days' },
      }),
    );
    expect(sut.stages.map((s) => s.status)).toEqual([
      'completed',
      'in_progress',
      'completed',
      'locked',
    ]);
    expect(sut.currentStage).toBe('practice');
    // 3 of 7 requirements: the course, the time since it, the training.
    expect(sut.percentComplete).toBe(43);
    expect(sut.nextSteps).toEqual([
      'Go on a retreat',
      'Teach groups',
      'Log practice (30 of 45 so far)',
    ]);
  });

  it('should give nextActions beside nextSteps: same order, same texts, kind and page', async () => {
    const sut = await progressOf(
      STAGES,
      new FakeEvaluator(RequirementKind.CourseCompleted, {
        'course.done': met('2026-01-01T00:00:00.000Z'),
        'training.done': met('2027-01-01T00:00:00.000Z'),
      }),
      new FakeEvaluator(RequirementKind.AttestationVerified, {
        'practice.teaching': { met: false, have: 0, need: 1, detail: 'x', nextTarget: null },
      }),
      new FakeEvaluator(RequirementKind.PracticeDays, {
        'practice.log': { met: false, have: 30, need: 45, detail: '30 of 45 days' },
      }),
    );
    expect(sut.nextActions).toEqual([
      {
        text: 'Go on a retreat',
        kind: RequirementKind.AttestationVerified,
        target: '/attestations',
      },
      { text: 'Teach groups', kind: RequirementKind.AttestationVerified, target: null },
      {
        text: 'Log practice (30 of 45 so far)',
        kind: RequirementKind.PracticeDays,
        target: '/practice',
      },
    ]);
    expect(sut.nextActions.map((a) => a.text)).toEqual(sut.nextSteps);
  });

  it('should point a time_since step nowhere and an evaluator-given page where it says', async () => {
    const sut = await progressOf(
      STAGES,
      new FakeEvaluator(RequirementKind.CourseCompleted, {
        'course.done': {
          met: false,
          have: 2,
          need: 6,
          detail: 'x',
          nextStep: 'Attend 4 more sessions of Spring',
          nextTarget: '/my-courses',
        },
      }),
    );
    expect(sut.nextActions).toEqual([
      {
        text: 'Attend 4 more sessions of Spring',
        kind: RequirementKind.CourseCompleted,
        target: '/my-courses',
      },
    ]);
    const waiting = await progressOf(
      STAGES,
      new FakeEvaluator(RequirementKind.CourseCompleted, {
        'course.done': met('2027-01-15T12:00:00.000Z'),
      }),
    );
    expect(waiting.nextActions[0]).toEqual({
      text: 'Wait until 2027-07-15, 6 months after completing "Course"',
      kind: RequirementKind.TimeSince,
      target: null,
    });
  });

  it('should never show have above need, and keep met as the evaluator said', async () => {
    const sut = await progressOf(
      STAGES,
      new FakeEvaluator(RequirementKind.CourseCompleted, {
        'course.done': met('2026-01-01T00:00:00.000Z', { have: 9, need: 8 }),
        'training.done': { met: false, have: 5, need: 3, detail: 'not completed yet' },
      }),
    );
    expect(sut.stages[0]!.requirements[0]).toMatchObject({ met: true, have: 8, need: 8 });
    expect(sut.stages[2]!.requirements[0]).toMatchObject({ met: false, have: 3, need: 3 });
    // Met "6 of 6" months even when more have passed.
    const later = await progressOf(
      STAGES,
      new FakeEvaluator(RequirementKind.CourseCompleted, {
        'course.done': met('2025-01-01T00:00:00.000Z'),
      }),
    );
    expect(later.stages[1]!.requirements[0]).toMatchObject({ met: true, have: 6, need: 6 });
  });

  it('should prefer the evaluator next step over the built sentence', async () => {
    const sut = await progressOf(
      STAGES,
      new FakeEvaluator(RequirementKind.CourseCompleted, {
        'course.done': {
          met: false,
          have: 0,
          need: 1,
          detail: 'x',
          nextStep: 'Enroll in a cohort',
        },
      }),
    );
    expect(sut.nextSteps).toEqual(['Enroll in a cohort']);
  });

  it('should give the designation of the highest completed stage and no current stage when done', async () => {
    const allMet = (kind: RequirementKind) =>
      new FakeEvaluator(kind, {
        'course.done': met('2026-01-01T00:00:00.000Z'),
        'training.done': met('2026-09-01T00:00:00.000Z'),
        'practice.retreat': met('2026-02-01T00:00:00.000Z'),
        'practice.teaching': met('2026-02-01T00:00:00.000Z'),
        'practice.log': met('2026-03-01T00:00:00.000Z'),
        'certification.recordings': met('2027-02-01T00:00:00.000Z'),
      });
    const sut = await progressOf(
      STAGES,
      allMet(RequirementKind.CourseCompleted),
      allMet(RequirementKind.AttestationVerified),
      allMet(RequirementKind.PracticeDays),
      allMet(RequirementKind.RecordingsApproved),
    );
    expect(sut.stages.every((s) => s.status === 'completed')).toBe(true);
    expect(sut.currentStage).toBeNull();
    expect(sut.designation).toBe('certified_teacher');
    expect(sut.percentComplete).toBe(100);
    expect(sut.nextSteps).toEqual([]);
    expect(sut.stages[1]!.completedAt).toBe('2026-07-01T00:00:00.000Z');
  });

  it('should fail loudly when an evaluator leaves a requirement out', async () => {
    const forgetful: RequirementEvaluator = {
      kind: RequirementKind.CourseCompleted,
      evidence: () => ({}),
      judge: () => new Map(),
    };
    await expect(progressOf(STAGES, forgetful)).rejects.toThrow(/no result for "course.done"/);
  });
});

describe(planEvidence.name, () => {
  const stages: StageDefinition[] = [
    {
      key: 'one',
      title: 'One',
      requirements: [
        { key: 'one.a', kind: RequirementKind.CoursesTaught, title: 'A', params: {} },
        { key: 'one.b', kind: RequirementKind.SessionsLogged, title: 'B', params: {} },
        { key: 'one.c', kind: RequirementKind.PracticeDays, title: 'C', params: {} },
      ],
    },
  ];
  const shared = (trainee: string) =>
    `(SELECT json_agg(t) FROM taught t WHERE t.user_id = ${trainee})`;
  const taught: RequirementEvaluator = {
    kind: RequirementKind.CoursesTaught,
    evidence: (_input, bind) => ({ taught: shared(bind.trainee) }),
    judge: ({ requirements }, evidence) =>
      new Map(
        requirements.map((r) => [
          r.key,
          { met: true, have: 1, need: 1, detail: String(evidence.taught) },
        ]),
      ),
  };
  const sessions: RequirementEvaluator = {
    kind: RequirementKind.SessionsLogged,
    evidence: (_input, bind) => ({
      sessions: `(SELECT json_agg(s) FROM sessions s WHERE s.kind = ANY(${bind.value(['mentoring'], 'text[]')}) AND s.at <= ${bind.now})`,
      taught: shared(bind.trainee),
    }),
    judge: ({ requirements }, evidence) =>
      new Map(
        requirements.map((r) => [
          r.key,
          {
            met: false,
            have: 0,
            need: 1,
            detail: `${String(evidence.sessions)} ${String(evidence.taught)}`,
          },
        ]),
      ),
  };

  it('should compose every part into one SELECT, reading a part asked twice once', () => {
    const sut = planEvidence(registryWith(taught, sessions), stages, {
      traineeId: 't-1',
      now: NOW,
      pathway: stages,
    });
    expect(sut.sql).toBe(
      `SELECT ${shared('$1::uuid')} AS e0,\n       (SELECT json_agg(s) FROM sessions s WHERE s.kind = ANY($2::text[]) AND s.at <= $3::timestamptz) AS e1`,
    );
    expect(sut.params).toEqual(['t-1', ['mentoring'], NOW]);
    const results = sut.judge({ e0: 'T', e1: 'S' });
    expect(results.get('one.a')!.detail).toBe('T');
    expect(results.get('one.b')!.detail).toBe('S T');
    expect(results.get('one.c')!.detail).toBe(NOT_TRACKED);
  });

  it('should compose the statement once per list of stages, again after an override', () => {
    let composed = 0;
    const counting: RequirementEvaluator = {
      ...taught,
      evidence: (input, bind) => {
        composed += 1;
        return taught.evidence(input, bind);
      },
    };
    const registry = registryWith(counting);
    const first = planEvidence(registry, stages, { traineeId: 't-1', now: NOW, pathway: stages });
    const later = new Date(NOW.getTime() + 1000);
    const second = planEvidence(registry, stages, {
      traineeId: 't-2',
      now: later,
      pathway: stages,
    });
    expect(composed).toBe(1);
    expect(second.sql).toBe(first.sql);
    expect(first.params).toEqual(['t-1']);
    expect(second.params).toEqual(['t-2']);
    const restore = registry.override({ ...counting });
    planEvidence(registry, stages, { traineeId: 't-3', now: NOW, pathway: stages });
    restore();
    planEvidence(registry, stages, { traineeId: 't-4', now: NOW, pathway: stages });
    expect(composed).toBe(3);
  });

  it('should read nothing when no evaluator asks for anything', async () => {
    const silent: RequirementEvaluator = {
      kind: RequirementKind.CoursesTaught,
      evidence: () => ({}),
      judge: ({ requirements }) =>
        new Map(requirements.map((r) => [r.key, { met: true, have: 1, need: 1, detail: 'ok' }])),
    };
    expect(
      planEvidence(registryWith(silent), stages.slice(0, 1), {
        traineeId: 't',
        now: NOW,
        pathway: stages,
      }).sql,
    ).toBeNull();
    const read = jest.fn<ReadEvidence>();
    await evaluateStages(registryWith(silent), stages, { traineeId: 't', now: NOW }, read);
    expect(read).not.toHaveBeenCalled();
  });
});

describe('calendar months in UTC', () => {
  it("should add months keeping the day, or the month's last day when it has none", () => {
    expect(addMonthsUtc(new Date('2027-01-31T10:00:00Z'), 1).toISOString()).toBe(
      '2027-02-28T10:00:00.000Z',
    );
    expect(addMonthsUtc(new Date('2028-01-31T10:00:00Z'), 1).toISOString()).toBe(
      '2028-02-29T10:00:00.000Z',
    );
    expect(addMonthsUtc(new Date('2027-11-15T00:00:00Z'), 3).toISOString()).toBe(
      '2028-02-15T00:00:00.000Z',
    );
    expect(addMonthsUtc(new Date('2027-03-31T23:59:59Z'), 6).toISOString()).toBe(
      '2027-09-30T23:59:59.000Z',
    );
  });

  it('should count whole months as luxon does, for many pairs of instants', () => {
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 2000; i++) {
      const from = new Date(Date.UTC(2024, 0, 1) + random() * 4 * 365 * 86_400_000);
      const to = new Date(from.getTime() + (random() - 0.1) * 900 * 86_400_000);
      const luxon = Math.max(
        0,
        Math.floor(
          DateTime.fromJSDate(to, { zone: 'utc' }).diff(
            DateTime.fromJSDate(from, { zone: 'utc' }),
            'months',
          ).months,
        ),
      );
      expect([from.toISOString(), to.toISOString(), wholeMonthsBetween(from, to)]).toEqual([
        from.toISOString(),
        to.toISOString(),
        luxon,
      ]);
      const months = Math.floor(random() * 30);
      expect(addMonthsUtc(from, months).toISOString()).toBe(
        DateTime.fromJSDate(from, { zone: 'utc' }).plus({ months }).toJSDate().toISOString(),
      );
    }
  });
});
