import { DateTime } from 'luxon';
import request from 'supertest';
import type { TestApp, TestUser } from '@msc/testing';
import { tinyPdf } from './applications.fixtures.js';

/** A journey step does many requests; generous, though each file should run well under a minute. */
export const STEP_TIMEOUT = 120_000;

export interface RequirementView {
  key: string;
  title: string;
  met: boolean;
  have: number;
  need: number;
  detail: string;
}

export interface StageView {
  key: string;
  title: string;
  status: 'completed' | 'in_progress' | 'locked';
  requirements: RequirementView[];
}

export interface ProgressView {
  pathway: { key: string; version: number };
  currentStage: string | null;
  designation: string | null;
  percentComplete: number;
  stages: StageView[];
  nextSteps: string[];
}

export interface SessionView {
  id: string;
  number: number;
  startsAt: string;
  endsAt: string;
}

export interface CohortView {
  id: string;
  courseId: string;
  status: string;
  enrolledCount: number;
  sessions: SessionView[];
}

/** Someone who signed up through the API: what the journey needs of them. */
export interface Member {
  id: string;
  displayName: string;
  timeZone: string;
  auth: { Authorization: string };
}

export const stageOf = (progress: ProgressView, key: string): StageView => {
  const stage = progress.stages.find((s) => s.key === key);
  if (!stage) throw new Error(`no stage ${key} in ${progress.stages.map((s) => s.key).join(', ')}`);
  return stage;
};

export const requirementOf = (progress: ProgressView, key: string): RequirementView => {
  const found = progress.stages.flatMap((s) => s.requirements).find((r) => r.key === key);
  if (!found) throw new Error(`no requirement ${key}`);
  return found;
};

export const statusesOf = (progress: ProgressView): Record<string, string> =>
  Object.fromEntries(progress.stages.map((s) => [s.key, s.status]));

/** A calendar date `daysAgo` days before today, on the wall calendar of `zone`. */
export const localDate = (zone: string, daysAgo: number): string =>
  DateTime.now().setZone(zone).minus({ days: daysAgo }).toISODate()!;

/** supertest: asserts the status, telling the problem body when it differs (`.expect(status(201))`). */
export const status =
  (expected: number) =>
  (res: { status: number; body: unknown; text?: string }): void => {
    if (res.status !== expected) {
      const body = typeof res.body === 'object' && res.body !== null ? res.body : res.text;
      throw new Error(`expected ${expected}, got ${res.status}: ${JSON.stringify(body)}`);
    }
  };

/** supertest: collect a text body (for media types supertest does not parse, such as vc+jwt). */
export function text(res: unknown, callback: (error: Error | null, body: string) => void): void {
  const stream = res as NodeJS.ReadableStream;
  let body = '';
  stream.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
  stream.on('end', () => callback(null, body));
}

/** The API calls of a journey, as the trainee, the admin and the mentor make them. */
export class JourneyApi {
  constructor(
    readonly app: TestApp,
    readonly admin: TestUser,
  ) {}

  get http() {
    return request(this.app.server);
  }

  async register(input: { displayName: string; timeZone: string }): Promise<Member> {
    const email = `${input.displayName.toLowerCase().replace(/\W+/g, '.')}.${Date.now()}@example.org`;
    const res = await this.http
      .post('/api/v1/auth/register')
      .send({ email, password: 'a-long-enough-passphrase', ...input })
      .expect(status(201));
    expect(res.body.user).toMatchObject({
      email,
      displayName: input.displayName,
      roles: ['trainee'],
      timeZone: input.timeZone,
    });
    return {
      id: res.body.user.id as string,
      displayName: input.displayName,
      timeZone: input.timeZone,
      auth: { Authorization: `Bearer ${res.body.accessToken as string}` },
    };
  }

  /** Participants of the courses the trainee teaches: made by the admin through the API. */
  async createTrainees(count: number): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 1; i <= count; i++) {
      const res = await this.http
        .post('/api/v1/users')
        .set(this.admin.auth)
        .send({
          email: `participant-${i}-${Date.now()}@example.org`,
          displayName: `Participant ${i}`,
          password: 'a-long-enough-passphrase',
          roles: ['trainee'],
        })
        .expect(status(201));
      ids.push(res.body.id as string);
    }
    return ids;
  }

  async progress(who: Member): Promise<ProgressView> {
    const res = await this.http.get('/api/v1/me/progress').set(who.auth).expect(status(200));
    return res.body as ProgressView;
  }

  async createCourse(input: {
    format: string;
    sessionCount: number;
    completionMinSessions: number;
    sessionMinutes?: number;
    ceHours?: number;
    ceAccreditor?: string;
    title?: string;
  }): Promise<string> {
    const res = await this.http
      .post('/api/v1/courses')
      .set(this.admin.auth)
      .send({
        code: `${input.format.replace(/_/g, '-').toUpperCase()}-${Math.random().toString(36).slice(2, 8)}`,
        title: input.title ?? `Course (${input.format})`,
        sessionMinutes: 150,
        ...input,
      })
      .expect(status(201));
    return res.body.id as string;
  }

  /** Creates a cohort (it may lie in the past) and waits for the scheduling job to make its sessions. */
  async createCohort(input: {
    courseId: string;
    title: string;
    startDate: string;
    timeZone: string;
    sessions: number;
    ceEligible?: boolean;
    cadence?: 'weekly' | 'daily';
    capacity?: number;
  }): Promise<CohortView> {
    const { sessions, ...given } = input;
    // An option left undefined takes the default, not a missing field.
    const body = Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined));
    const created = await this.http
      .post('/api/v1/cohorts')
      .set(this.admin.auth)
      .send({ localTime: '18:30', capacity: 20, ceEligible: false, ...body })
      .expect(status(201));
    await this.app.settle();
    const res = await this.http
      .get(`/api/v1/cohorts/${created.body.id as string}`)
      .set(this.admin.auth)
      .expect(status(200));
    const cohort = res.body as CohortView;
    expect(cohort.status).toBe('open');
    expect(cohort.sessions).toHaveLength(sessions);
    expect(cohort.sessions.map((s) => s.number)).toEqual(
      Array.from({ length: sessions }, (_, i) => i + 1),
    );
    // Records of a cohort that already ran: its last session has ended.
    expect(new Date(cohort.sessions.at(-1)!.endsAt).getTime()).toBeLessThan(Date.now());
    return cohort;
  }

  async enroll(cohortId: string, userId: string, extra: { requestCe?: boolean } = {}) {
    const res = await this.http
      .post(`/api/v1/cohorts/${cohortId}/enrollments`)
      .set(this.admin.auth)
      .send({ userId, ...extra })
      .expect(status(201));
    expect(res.body).toMatchObject({ cohortId, userId, status: 'enrolled' });
  }

  async addTeacher(cohortId: string, userId: string, role: 'lead' | 'co_teacher') {
    await this.http
      .post(`/api/v1/cohorts/${cohortId}/teachers`)
      .set(this.admin.auth)
      .send({ userId, role })
      .expect(status(201));
  }

  /** Attendance of one person at every session: present unless the session number is in `absent`. */
  async attend(cohort: CohortView, userId: string, absent: number[] = []) {
    for (const session of cohort.sessions) {
      await this.http
        .put(`/api/v1/cohorts/${cohort.id}/sessions/${session.id}/attendance`)
        .set(this.admin.auth)
        .send({
          records: [{ userId, status: absent.includes(session.number) ? 'absent' : 'present' }],
        })
        .expect(status(200));
    }
  }

  /** The admin completes the cohort; completions and CE issuance run in the background. */
  async complete(cohortId: string) {
    await this.http
      .post(`/api/v1/cohorts/${cohortId}/complete`)
      .set(this.admin.auth)
      .send({})
      .expect(status(202));
    await this.app.settle();
    const res = await this.http.get(`/api/v1/cohorts/${cohortId}`).set(this.admin.auth);
    expect(res.body.status).toBe('completed');
  }

  /** A past cohort of one course the trainee took, attended as told, and completed. */
  async takeCourse(
    trainee: Member,
    input: {
      courseId: string;
      title: string;
      startDate: string;
      sessions: number;
      absent?: number[];
      cadence?: 'weekly' | 'daily';
      ceEligible?: boolean;
      requestCe?: boolean;
    },
  ): Promise<CohortView> {
    const cohort = await this.createCohort({
      courseId: input.courseId,
      title: input.title,
      startDate: input.startDate,
      timeZone: 'America/New_York',
      sessions: input.sessions,
      cadence: input.cadence,
      ceEligible: input.ceEligible,
    });
    await this.enroll(cohort.id, trainee.id, { requestCe: input.requestCe });
    await this.attend(cohort, trainee.id, input.absent);
    await this.complete(cohort.id);
    return cohort;
  }

  /** Logs practice on each of the given days back from today, on the trainee's own calendar. */
  async logPractice(trainee: Member, daysAgo: number[]) {
    for (const days of daysAgo) {
      await this.http
        .post('/api/v1/me/practice-logs')
        .set(trainee.auth)
        .send({ date: localDate(trainee.timeZone, days), minutes: 30, practice: 'self_compassion' })
        .expect(status(201));
    }
  }

  /** The three personal-practice attestations, each with its PDF evidence file: their ids. */
  async attestAll(trainee: Member): Promise<string[]> {
    const forms = [
      {
        kind: 'daily_practice_2y',
        statement: 'I have meditated every morning since 2021.',
        evidence: true,
      },
      {
        kind: 'silent_retreat_5d',
        statement: 'A 7-day silent retreat at Gaia House in 2023.',
        evidence: true,
      },
      {
        kind: 'group_teaching',
        statement: 'I lead a weekly meditation group at my clinic.',
        evidence: true,
      },
    ];
    const ids: string[] = [];
    for (const form of forms) {
      let req = this.http
        .post('/api/v1/me/attestations')
        .set(trainee.auth)
        .field('kind', form.kind)
        .field('statement', form.statement);
      if (form.evidence) {
        req = req.attach('evidence', tinyPdf('Practice journal 2021-2024'), {
          filename: 'practice-journal.pdf',
          contentType: 'application/pdf',
        });
      }
      const res = await req.expect(status(201));
      expect(res.body).toMatchObject({
        id: expect.any(String),
        kind: form.kind,
        status: 'pending',
      });
      ids.push(res.body.id as string);
    }
    return ids;
  }

  async verifyAttestations(ids: string[]) {
    for (const id of ids) {
      await this.http
        .post(`/api/v1/attestations/${id}/decision`)
        .set(this.admin.auth)
        .send({ decision: 'verified', note: 'Evidence and statement checked' })
        .expect(status(200));
    }
  }

  apply(trainee: Member) {
    return this.http.post('/api/v1/applications').set(trainee.auth).send({
      kind: 'teacher_training',
      statement: 'I want to bring self-compassion to the people I work with.',
    });
  }

  async approveApplication(applicationId: string) {
    await this.http
      .post(`/api/v1/applications/${applicationId}/decision`)
      .set(this.admin.auth)
      .send({ decision: 'approved', note: 'Welcome to teacher training' })
      .expect(status(200));
  }

  requestDesignation(trainee: Member, designation: 'trained_teacher' | 'certified_teacher') {
    return this.http.post('/api/v1/certifications').set(trainee.auth).send({ designation });
  }

  async approveCertification(requestId: string) {
    await this.http
      .post(`/api/v1/certifications/${requestId}/decision`)
      .set(this.admin.auth)
      .send({ decision: 'approved' })
      .expect(status(200));
    await this.app.settle();
  }
}

/** Days back from today on which the journey's trainee practised: 45 of the last 60 (every 4th skipped). */
export const PRACTICE_DAYS = Array.from({ length: 60 }, (_, i) => i).filter((i) => i % 4 !== 3);

/**
 * Stages 1 to 3 up to an approved teacher-training application, with few checks (the stage 1-3
 * journey asserts each step): an MSC course about 8 months back, 45 practice days, three verified
 * attestations, an approved application.
 */
export async function walkToApprovedApplication(
  api: JourneyApi,
  trainee: Member,
): Promise<{ mscCourseId: string }> {
  const course = await api.createCourse({
    format: 'msc_8_week',
    sessionCount: 8,
    completionMinSessions: 7,
    ceHours: 24,
    title: 'Mindful Self-Compassion (8 weeks)',
  });
  await api.takeCourse(trainee, {
    courseId: course,
    title: 'MSC, Tuesday evenings',
    startDate: DateTime.now().setZone('America/New_York').minus({ months: 8 }).toISODate()!,
    sessions: 8,
    absent: [5],
    ceEligible: true,
    requestCe: true,
  });
  await api.logPractice(trainee, PRACTICE_DAYS);
  await api.verifyAttestations(await api.attestAll(trainee));
  const applied = await api.apply(trainee).expect(status(201));
  await api.approveApplication(applied.body.id as string);
  const progress = await api.progress(trainee);
  expect(statusesOf(progress)).toMatchObject({
    msc_course: 'completed',
    personal_practice: 'completed',
    teacher_training: 'in_progress',
  });
  return { mscCourseId: course };
}
