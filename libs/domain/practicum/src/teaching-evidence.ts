/** A completed cohort the trainee taught, spanning its first session's start to its last one's end. */
export interface TaughtCourse {
  cohortId: string;
  format: string;
  role: string;
  participants: number;
  startsAt: Date;
  endsAt: Date;
}

export interface CoursesTaughtParams {
  count: number;
  minParticipants: number;
  formats: string[];
  roles: string[];
  consecutive?: boolean;
}

export interface TaughtTally {
  have: number;
  /** When the `count`-th counted course ended; null while fewer are counted. */
  metAt: Date | null;
  /** The courses that count: every qualifying one, or the chosen chain when `consecutive`. */
  counted: TaughtCourse[];
}

/**
 * Counts the courses that satisfy a `courses_taught` requirement. With `consecutive`, the longest
 * chain of courses that do not overlap in time (one may start when the previous ends), picked by
 * earliest end: that greedy choice is both the longest chain and the one complete soonest.
 */
export function tallyTaught(
  courses: readonly TaughtCourse[],
  params: CoursesTaughtParams,
): TaughtTally {
  const qualifying = courses
    .filter(
      (c) =>
        params.formats.includes(c.format) &&
        params.roles.includes(c.role) &&
        c.participants >= params.minParticipants,
    )
    .sort(
      (a, b) =>
        a.endsAt.getTime() - b.endsAt.getTime() || a.startsAt.getTime() - b.startsAt.getTime(),
    );
  let counted = qualifying;
  if (params.consecutive) {
    counted = [];
    let lastEnd = -Infinity;
    for (const course of qualifying) {
      if (course.startsAt.getTime() >= lastEnd) {
        counted.push(course);
        lastEnd = course.endsAt.getTime();
      }
    }
  }
  const metAt = params.count <= 0 ? new Date(0) : (counted[params.count - 1]?.endsAt ?? null);
  return { have: counted.length, metAt, counted };
}

export interface LoggedSession {
  kind: string;
  heldAt: Date;
  minutes: number;
}

export interface SessionsLoggedParams {
  sessionKind: string;
  count: number;
  minMinutes?: number;
}

/** Counts sessions of a kind, within any of `windows` when given; metAt is the `count`-th one's time. */
export function tallySessions(
  sessions: readonly LoggedSession[],
  params: SessionsLoggedParams,
  windows?: readonly { startsAt: Date; endsAt: Date }[],
): { have: number; metAt: Date | null } {
  const counted = sessions
    .filter(
      (s) =>
        s.kind === params.sessionKind &&
        s.minutes >= (params.minMinutes ?? 0) &&
        (!windows ||
          windows.some(
            (w) =>
              s.heldAt.getTime() >= w.startsAt.getTime() &&
              s.heldAt.getTime() <= w.endsAt.getTime(),
          )),
    )
    .sort((a, b) => a.heldAt.getTime() - b.heldAt.getTime());
  const metAt = params.count <= 0 ? new Date(0) : (counted[params.count - 1]?.heldAt ?? null);
  return { have: counted.length, metAt };
}
