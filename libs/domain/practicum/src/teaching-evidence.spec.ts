import { tallySessions, tallyTaught, type TaughtCourse } from './teaching-evidence.js';

const day = (d: number) => new Date(Date.UTC(2026, 0, d));
const course = (
  id: string,
  from: number,
  to: number,
  extra: Partial<TaughtCourse> = {},
): TaughtCourse => ({
  cohortId: id,
  format: 'msc_8_week',
  role: 'lead',
  participants: 10,
  startsAt: day(from),
  endsAt: day(to),
  ...extra,
});
const params = {
  count: 2,
  minParticipants: 8,
  formats: ['msc_8_week'],
  roles: ['lead', 'co_teacher'],
};

describe(tallyTaught.name, () => {
  it('should count qualifying courses and date the requirement by the count-th end', () => {
    const sut = tallyTaught(
      [course('a', 1, 50), course('b', 10, 60), course('small', 1, 5, { participants: 7 })],
      params,
    );
    expect(sut.have).toBe(2);
    expect(sut.metAt).toEqual(day(60));
  });

  it('should ignore other formats and roles', () => {
    const sut = tallyTaught(
      [course('a', 1, 50, { format: 'msc_intensive' }), course('b', 1, 50, { role: 'assistant' })],
      params,
    );
    expect(sut.have).toBe(0);
    expect(sut.metAt).toBeNull();
  });

  it('should need courses that do not overlap when consecutive', () => {
    const overlapping = [course('a', 1, 50), course('b', 10, 60)];
    expect(tallyTaught(overlapping, { ...params, consecutive: true }).have).toBe(1);
    const chain = tallyTaught(
      [course('long', 1, 200), course('a', 1, 50), course('b', 50, 100), course('c', 60, 120)],
      { ...params, consecutive: true },
    );
    expect(chain.counted.map((c) => c.cohortId)).toEqual(['a', 'b']);
    expect(chain.metAt).toEqual(day(100));
  });
});

describe(tallySessions.name, () => {
  const sessions = [
    { kind: 'consultation', heldAt: day(5), minutes: 60 },
    { kind: 'consultation', heldAt: day(20), minutes: 60 },
    { kind: 'mentoring', heldAt: day(21), minutes: 30 },
    { kind: 'consultation', heldAt: day(70), minutes: 60 },
  ];

  it('should count sessions of the kind, only within the windows when given', () => {
    expect(tallySessions(sessions, { sessionKind: 'consultation', count: 3 })).toEqual({
      have: 3,
      metAt: day(70),
    });
    expect(
      tallySessions(sessions, { sessionKind: 'consultation', count: 3 }, [
        { startsAt: day(10), endsAt: day(60) },
      ]),
    ).toEqual({ have: 1, metAt: null });
  });

  it('should leave out sessions shorter than minMinutes', () => {
    expect(
      tallySessions(sessions, { sessionKind: 'mentoring', count: 1, minMinutes: 60 }).have,
    ).toBe(0);
  });
});
