import { COMPETENT_LEVEL, rubric, RUBRIC_DOMAINS, RUBRIC_LEVELS } from './practicum.config.js';

describe('rubric', () => {
  it('describes every domain and every level, in the configured order', () => {
    const described = rubric();
    expect(described.domains.map((d) => d.key)).toEqual([...RUBRIC_DOMAINS]);
    expect(described.levels.map((l) => l.key)).toEqual([...RUBRIC_LEVELS]);
    expect(described.levels.map((l) => l.rank)).toEqual(RUBRIC_LEVELS.map((_, i) => i));
    for (const entry of [...described.domains, ...described.levels]) {
      expect(entry.title.trim()).not.toBe('');
      expect(entry.description.trim()).not.toBe('');
    }
  });

  it('marks the levels from the competent one up as competent', () => {
    const { levels, competentLevel } = rubric();
    expect(competentLevel).toBe(COMPETENT_LEVEL);
    const first = levels.findIndex((l) => l.competent);
    expect(levels[first]!.key).toBe(COMPETENT_LEVEL);
    expect(levels.slice(first).every((l) => l.competent)).toBe(true);
    expect(levels.slice(0, first).some((l) => l.competent)).toBe(false);
  });
});
