import { EvaluatorRegistry } from './evaluator-registry.js';
import { validateStages } from './pathway-validation.js';
import { RequirementKind, type StageDefinition } from './requirement.js';

const stage = (key: string, requirements: StageDefinition['requirements']): StageDefinition => ({
  key,
  title: key,
  requirements,
});

describe(validateStages.name, () => {
  it('should accept well-formed stages', () => {
    expect(
      validateStages([
        stage('a', [{ key: 'a.x', kind: RequirementKind.CourseCompleted, title: 'X', params: {} }]),
        stage('b', [
          {
            key: 'b.wait',
            kind: RequirementKind.TimeSince,
            title: 'W',
            params: { sinceStage: 'a', months: 6 },
          },
        ]),
      ]),
    ).toEqual([]);
  });

  it('should refuse duplicate keys, unknown kinds and a time_since on a later stage', () => {
    const sut = validateStages([
      stage('a', [
        { key: 'a.x', kind: 'made_up' as RequirementKind, title: 'X', params: {} },
        {
          key: 'a.x',
          kind: RequirementKind.TimeSince,
          title: 'W',
          params: { sinceStage: 'a', months: 0 },
        },
      ]),
      stage('a', [{ key: 'a.y', kind: RequirementKind.CourseCompleted, title: 'Y', params: {} }]),
    ]);
    expect(sut.map((p) => p.field)).toEqual([
      'stages[0].requirements[0].kind',
      'stages[0].requirements[1].key',
      'stages[0].requirements[1].params.sinceStage',
      'stages[0].requirements[1].params.months',
      'stages[1].key',
    ]);
  });

  it("should pass each requirement's params to its evaluator's own check", () => {
    const registry = new EvaluatorRegistry();
    registry.register({
      kind: RequirementKind.PracticeDays,
      evidence: () => ({}),
      judge: () => new Map(),
      validateParams: (params) =>
        typeof params.days === 'number' ? [] : ['days must be a number'],
    });
    const sut = validateStages(
      [stage('a', [{ key: 'a.log', kind: RequirementKind.PracticeDays, title: 'L', params: {} }])],
      registry,
    );
    expect(sut).toEqual([
      { field: 'stages[0].requirements[0].params', message: 'days must be a number' },
    ]);
  });
});
