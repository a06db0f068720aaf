import { Readable } from 'node:stream';
import { TransactionHost } from '@msc/db';
import {
  ApplicationKind,
  ApplicationsService,
  AttestationKind,
  AttestationsService,
} from '@msc/domain/applications';
import {
  AttendanceService,
  AttendanceStatus,
  CompletionService,
  CourseFormat,
  CoursesService,
  DeliveryMode,
  EnrollmentsService,
  PracticeKind,
  PracticeService,
  SessionCadence,
  TeacherRole,
} from '@msc/domain/courses';
import { CertificationService, Designation } from '@msc/domain/credentials';
import { IdentityService } from '@msc/domain/identity';
import { type Actor, Role } from '@msc/kernel';
import {
  PracticumService,
  PracticumSessionKind,
  RecordingSubmissionService,
  ReviewsService,
  RUBRIC_DOMAINS,
} from '@msc/domain/practicum';

/** What the seed needs of a running platform: its providers, and a way to wait for its jobs. */
export interface SeedHost {
  get<T>(token: abstract new (...args: never[]) => T): T;
  /** Resolves once the outbox is relayed and no job waits or runs (delayed jobs stay delayed). */
  settle(): Promise<void>;
}

/** Where a demo trainee stands: the `currentStage` their progress reports (null: certified). */
export type DemoStage =
  'msc_course' | 'personal_practice' | 'teacher_training' | 'practicum' | 'certification' | null;

export interface DemoLogin {
  email: string;
  password: string;
  displayName: string;
  role: Role;
  /** For trainees, the stage the seed puts them in; undefined for staff. */
  stage?: DemoStage;
  about: string;
}

export interface DemoSeedResult {
  outcome: 'seeded' | 'already_seeded';
  logins: DemoLogin[];
  /** Accounts that only fill cohorts; they share the trainee password. */
  participants: number;
}

// Demo-only credentials, printed by `npm run seed:demo`: never use them on a real deployment.
export const DEMO_PASSWORDS = {
  admin: 'demo-admin-password',
  mentor: 'demo-mentor-password',
  trainee: 'demo-trainee-password',
} as const;

const DOMAIN = 'msc-demo.example.org';

export const DEMO_ADMIN: DemoLogin = {
  email: `admin@${DOMAIN}`,
  password: DEMO_PASSWORDS.admin,
  displayName: 'Administrator',
  role: Role.Admin,
  about: 'runs cohorts, decides applications and designations',
};

const MENTORS = {
  maya: {
    email: `maya.mentor@${DOMAIN}`,
    displayName: 'Maya Lindqvist',
    about: 'leads cohorts; mentors the practicum trainee',
  },
  noah: {
    email: `noah.mentor@${DOMAIN}`,
    displayName: 'Noah Okafor',
    about: 'mentors and reviews recordings of the trained and certified teachers',
  },
} as const;

const TRAINEES = {
  newcomer: {
    email: `riley.newcomer@${DOMAIN}`,
    displayName: 'Riley Newcomer',
    timeZone: 'Europe/Lisbon',
    stage: 'msc_course',
    about: 'just registered; enrolled in an upcoming MSC course',
  },
  practice: {
    email: `priya.practice@${DOMAIN}`,
    displayName: 'Priya Raman',
    timeZone: 'Europe/London',
    stage: 'personal_practice',
    about: 'MSC course done 8 months ago; practice logged, attestations pending',
  },
  applicant: {
    email: `sam.applicant@${DOMAIN}`,
    displayName: 'Sam Whitfield',
    timeZone: 'America/New_York',
    stage: 'teacher_training',
    about: 'prerequisites met; teacher-training application submitted',
  },
  practicum: {
    email: `theo.practicum@${DOMAIN}`,
    displayName: 'Theo Brandt',
    timeZone: 'Europe/Berlin',
    stage: 'practicum',
    about: 'teacher training done; in the practicum cohort and co-teaching',
  },
  trained: {
    email: `tara.trained@${DOMAIN}`,
    displayName: 'Tara Nakamura',
    timeZone: 'Asia/Tokyo',
    stage: 'certification',
    about: 'Trained MSC Teacher (credential issued); working towards certification',
  },
  certified: {
    email: `cara.certified@${DOMAIN}`,
    displayName: 'Cara Delgado',
    timeZone: 'America/Los_Angeles',
    stage: null,
    about: 'Certified MSC Teacher (both credentials issued)',
  },
} as const satisfies Record<string, Omit<DemoLogin, 'password' | 'role'> & { timeZone: string }>;

type TraineeKey = keyof typeof TRAINEES;

/** Sizes of the participant groups that fill the cohorts (at least 8 where teaching must count). */
const PARTICIPANT_GROUPS = {
  foundations: 5,
  coTaught: 9,
  firstLed: 9,
  secondLed: 7,
  current: 8,
  upcoming: 9,
} as const;

/** Seats of the upcoming cohort: fewer than its applicants, so that it has a waitlist. */
export const UPCOMING_CAPACITY = 8;

const DAY_MS = 86_400_000;

/** Every demo login, in the order the table prints them. */
export function demoLogins(): DemoLogin[] {
  return [
    DEMO_ADMIN,
    ...Object.values(MENTORS).map((m) => ({
      ...m,
      password: DEMO_PASSWORDS.mentor,
      role: Role.Mentor,
    })),
    ...Object.values(TRAINEES).map(({ timeZone: _zone, ...t }) => ({
      ...t,
      password: DEMO_PASSWORDS.trainee,
      role: Role.Trainee,
    })),
  ];
}

const participantEmail = (group: string, n: number) =>
  `${group.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}-${String(n).padStart(2, '0')}@${DOMAIN}`;

/** A small but real PDF: the evidence store judges files by their bytes. */
function evidencePdf(title: string): Buffer {
  const text = `BT /F1 18 Tf 72 720 Td (${title.replace(/[()\\]/g, '')}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${text.length} >>\nstream\n${text}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  body += offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/** A mono 8 kHz 8-bit WAV of a quiet tone, long enough for the recording probe to accept it. */
function teachingRecordingWav(seconds: number): Buffer {
  const rate = 8000;
  const samples = rate * seconds;
  const wav = Buffer.alloc(44 + samples);
  wav.write('RIFF', 0, 'ascii');
  wav.writeUInt32LE(36 + samples, 4);
  wav.write('WAVEfmt ', 8, 'ascii');
  wav.writeUInt32LE(16, 16);
  wav.writeUInt16LE(1, 20);
  wav.writeUInt16LE(1, 22);
  wav.writeUInt32LE(rate, 24);
  wav.writeUInt32LE(rate, 28);
  wav.writeUInt16LE(1, 32);
  wav.writeUInt16LE(8, 34);
  wav.write('data', 36, 'ascii');
  wav.writeUInt32LE(samples, 40);
  for (let i = 0; i < samples; i++)
    wav[44 + i] = 128 + Math.round(8 * Math.sin((2 * Math.PI * 220 * i) / rate));
  return wav;
}

interface CohortPlan {
  courseId: string;
  title: string;
  /** Days before today of the first session; negative for a cohort that has not started. */
  startDaysAgo: number;
  timeZone: string;
  capacity: number;
  ceEligible: boolean;
  cadence?: SessionCadence;
  teachers?: { userId: string; role: TeacherRole }[];
  /** Enrolled by an admin (records of the past, or a cohort already under way). */
  participants?: string[];
  /** Session numbers each participant missed (everyone else attended every held session). */
  absences?: Map<string, number[]>;
  complete?: boolean;
}

type GroupKey = keyof typeof PARTICIPANT_GROUPS;

/** What every scene works with: the platform, the clock, and the people the first scene made. */
interface DemoWorld {
  host: SeedHost;
  db: TransactionHost;
  now: Date;
  admin: Actor;
  maya: string;
  noah: string;
  trainee: Record<TraineeKey, string>;
  groups: Record<GroupKey, string[]>;
}

const traineeActor = (world: DemoWorld, key: TraineeKey): Actor => ({
  id: world.trainee[key],
  roles: [Role.Trainee],
});
const dateAgo = (world: DemoWorld, days: number) =>
  new Date(world.now.getTime() - days * DAY_MS).toISOString().slice(0, 10);
/** Noon UTC `days` ago: the time a logged session or a practice day is put at. */
const noonAgo = (world: DemoWorld, days: number) => new Date(`${dateAgo(world, days)}T12:00:00Z`);

/**
 * Fills the platform with a demo pathway through its own services: an admin, two mentors, a
 * trainee in each stage with the evidence that puts them there, past cohorts (completed, with
 * attendance and CE credits) and upcoming ones (open, with enrollments and a waitlist). Plain SQL
 * only reads ids back. Skips everything when the demo admin exists and the seed had finished.
 */
export async function seedDemo(host: SeedHost, now = new Date()): Promise<DemoSeedResult> {
  const db = host.get(TransactionHost);
  const participantCount = Object.values(PARTICIPANT_GROUPS).reduce((a, b) => a + b, 0);
  const result = (outcome: DemoSeedResult['outcome']): DemoSeedResult => ({
    outcome,
    logins: demoLogins(),
    participants: participantCount,
  });

  const [existing] = await db.query<{ id: string }>('SELECT id FROM users WHERE email = $1', [
    DEMO_ADMIN.email,
  ]);
  if (existing) {
    const [finished] = await db.query<{ id: string }>(
      `SELECT d.id FROM designations d JOIN users u ON u.id = d.trainee_id
       WHERE u.email = $1 AND d.designation = $2 AND d.revoked_at IS NULL`,
      [TRAINEES.certified.email, Designation.CertifiedTeacher],
    );
    if (finished) return result('already_seeded');
    throw new Error(
      `${DEMO_ADMIN.email} exists but the demo seed never finished on this database; ` +
        'seed a fresh database (the demo is not meant to be mixed with real data)',
    );
  }

  const world = await people(host, db, now);
  const ledCohorts = await cohorts(world);
  await personalPractice(world);
  await trainingApplications(world);
  const practicums = await practicumLedgers(world);
  await teachingRecordings(world, practicums.cara, practicums.tara, ledCohorts);
  await designations(world, practicums.cara);
  return result('seeded');
}

/** The admin, the mentors, a trainee in each stage and the participants who fill the cohorts. */
async function people(host: SeedHost, db: TransactionHost, now: Date): Promise<DemoWorld> {
  const identity = host.get(IdentityService);
  if ((await identity.bootstrapAdmin(DEMO_ADMIN.email, DEMO_ADMIN.password)) !== 'created') {
    throw new Error(`could not create ${DEMO_ADMIN.email}`);
  }
  const [adminRow] = await db.query<{ id: string }>('SELECT id FROM users WHERE email = $1', [
    DEMO_ADMIN.email,
  ]);
  const admin: Actor = { id: adminRow!.id, roles: [Role.Admin] };
  const [maya, noah] = await Promise.all(
    [MENTORS.maya, MENTORS.noah].map((m) =>
      identity.createUser(admin, {
        email: m.email,
        password: DEMO_PASSWORDS.mentor,
        displayName: m.displayName,
        roles: [Role.Mentor],
        timeZone: 'Europe/Amsterdam',
      }),
    ),
  );

  const registered = await Promise.all(
    (Object.keys(TRAINEES) as TraineeKey[]).map(async (key) => {
      const t = TRAINEES[key];
      const session = await identity.register({
        email: t.email,
        password: DEMO_PASSWORDS.trainee,
        displayName: t.displayName,
        timeZone: t.timeZone,
      });
      return [key, session.user.id] as const;
    }),
  );

  const groups = {} as Record<GroupKey, string[]>;
  for (const group of Object.keys(PARTICIPANT_GROUPS) as GroupKey[]) {
    groups[group] = await Promise.all(
      Array.from({ length: PARTICIPANT_GROUPS[group] }, async (_, i) => {
        const session = await identity.register({
          email: participantEmail(group, i + 1),
          password: DEMO_PASSWORDS.trainee,
          displayName: `${group[0]!.toUpperCase()}${group.slice(1)} participant ${i + 1}`,
          timeZone: 'UTC',
        });
        return session.user.id;
      }),
    );
  }
  return {
    host,
    db,
    now,
    admin,
    maya: maya!.id,
    noah: noah!.id,
    trainee: Object.fromEntries(registered) as Record<TraineeKey, string>,
    groups,
  };
}

/**
 * The three courses and their cohorts: six completed (attendance, completion, CE credits), two
 * under way and two upcoming, the first of which trainees fill themselves past its capacity.
 * Answers the ids of the two cohorts Cara led, whose sessions her recordings come from.
 */
async function cohorts(world: DemoWorld): Promise<{ firstLed: string; secondLed: string }> {
  const courses = world.host.get(CoursesService);
  const enrollments = world.host.get(EnrollmentsService);
  const { admin, maya, noah, groups } = world;
  const {
    practice: priya,
    applicant: sam,
    practicum: theo,
    trained: tara,
    certified: cara,
  } = world.trainee;

  const msc = await courses.createCourse(admin, {
    code: 'MSC-8W',
    title: 'Mindful Self-Compassion (8 weeks)',
    format: CourseFormat.Msc8Week,
    deliveryMode: DeliveryMode.Online,
    sessionCount: 8,
    sessionMinutes: 150,
    completionMinSessions: 7,
    ceHours: 24,
    ceAccreditor: 'Approved for 24 CE hours (demo accreditor).',
  });
  const teacherTraining = await courses.createCourse(admin, {
    code: 'MSC-TT',
    title: 'MSC Teacher Training (6-day residential)',
    format: CourseFormat.TeacherTraining,
    deliveryMode: DeliveryMode.InPerson,
    sessionCount: 6,
    sessionMinutes: 420,
    completionMinSessions: 6,
  });
  const practicumCourse = await courses.createCourse(admin, {
    code: 'MSC-TTP',
    title: 'MSC Teacher Training Practicum',
    format: CourseFormat.TeacherTrainingPracticum,
    deliveryMode: DeliveryMode.Online,
    sessionCount: 10,
    sessionMinutes: 120,
    completionMinSessions: 10,
  });

  const firstLed: CohortPlan = {
    courseId: msc.id,
    title: 'MSC online, evenings',
    startDaysAgo: 430,
    timeZone: 'America/Los_Angeles',
    capacity: 20,
    ceEligible: true,
    teachers: [{ userId: cara, role: TeacherRole.Lead }],
    participants: groups.firstLed,
    complete: true,
  };
  const secondLed: CohortPlan = {
    courseId: msc.id,
    title: 'MSC online, winter',
    startDaysAgo: 300,
    timeZone: 'America/Los_Angeles',
    capacity: 20,
    ceEligible: true,
    teachers: [
      { userId: cara, role: TeacherRole.Lead },
      { userId: tara, role: TeacherRole.CoTeacher },
    ],
    participants: [priya, sam, ...groups.secondLed],
    absences: new Map([[sam, [5]]]),
    complete: true,
  };
  const upcoming: CohortPlan = {
    courseId: msc.id,
    title: 'MSC online, next season',
    startDaysAgo: -21,
    timeZone: 'Europe/Lisbon',
    capacity: UPCOMING_CAPACITY,
    ceEligible: true,
    teachers: [
      { userId: cara, role: TeacherRole.Lead },
      { userId: tara, role: TeacherRole.CoTeacher },
    ],
  };
  const plans: CohortPlan[] = [
    {
      courseId: msc.id,
      title: 'MSC foundations, spring',
      startDaysAgo: 1100,
      timeZone: 'Europe/Amsterdam',
      capacity: 24,
      ceEligible: true,
      teachers: [
        { userId: maya, role: TeacherRole.Lead },
        { userId: noah, role: TeacherRole.CoTeacher },
      ],
      participants: [theo, tara, cara, ...groups.foundations],
      absences: new Map([[groups.foundations[0]!, [4]]]),
      complete: true,
    },
    {
      courseId: teacherTraining.id,
      title: 'Teacher training retreat, Lisbon',
      startDaysAgo: 700,
      cadence: SessionCadence.Daily,
      timeZone: 'Europe/Lisbon',
      capacity: 30,
      ceEligible: false,
      teachers: [{ userId: maya, role: TeacherRole.Lead }],
      participants: [theo, tara, cara],
      complete: true,
    },
    {
      courseId: practicumCourse.id,
      title: 'Teacher training practicum, autumn',
      startDaysAgo: 640,
      timeZone: 'Europe/Amsterdam',
      capacity: 16,
      ceEligible: false,
      teachers: [{ userId: noah, role: TeacherRole.Lead }],
      participants: [tara, cara],
      complete: true,
    },
    {
      courseId: msc.id,
      title: 'MSC online, co-taught',
      startDaysAgo: 560,
      timeZone: 'Europe/London',
      capacity: 20,
      ceEligible: true,
      teachers: [
        { userId: maya, role: TeacherRole.Lead },
        { userId: tara, role: TeacherRole.CoTeacher },
        { userId: cara, role: TeacherRole.CoTeacher },
      ],
      participants: groups.coTaught,
      absences: new Map([
        [groups.coTaught[1]!, [2]],
        [groups.coTaught[2]!, [3, 6]],
      ]),
      complete: true,
    },
    firstLed,
    secondLed,
    {
      courseId: practicumCourse.id,
      title: 'Teacher training practicum, current',
      startDaysAgo: 21,
      timeZone: 'Europe/Berlin',
      capacity: 16,
      ceEligible: false,
      teachers: [{ userId: noah, role: TeacherRole.Lead }],
      participants: [theo],
    },
    {
      courseId: msc.id,
      title: 'MSC online, this season',
      startDaysAgo: 14,
      timeZone: 'Europe/Berlin',
      capacity: 20,
      ceEligible: true,
      teachers: [
        { userId: maya, role: TeacherRole.Lead },
        { userId: theo, role: TeacherRole.CoTeacher },
      ],
      participants: groups.current,
    },
    upcoming,
    {
      courseId: msc.id,
      title: 'MSC online, autumn',
      startDaysAgo: -90,
      timeZone: 'America/New_York',
      capacity: 24,
      ceEligible: true,
      teachers: [{ userId: maya, role: TeacherRole.Lead }],
    },
  ];

  const ids = new Map<CohortPlan, string>();
  for (const plan of plans) {
    const cohort = await courses.createCohort(admin, {
      courseId: plan.courseId,
      title: plan.title,
      startDate: dateAgo(world, plan.startDaysAgo),
      localTime: '18:00',
      timeZone: plan.timeZone,
      capacity: plan.capacity,
      ceEligible: plan.ceEligible,
      cadence: plan.cadence,
    });
    ids.set(plan, cohort.id);
  }
  await world.host.settle(); // sessions generated, cohorts open
  for (const plan of plans) await fillCohort(world, ids.get(plan)!, plan);
  await world.host.settle(); // completions, CE credits, notifications

  // Trainees enroll themselves in the upcoming cohort; the last ones land on the waitlist.
  for (const userId of [world.trainee.newcomer, ...groups.upcoming]) {
    await enrollments.enroll({ id: userId, roles: [Role.Trainee] }, ids.get(upcoming)!, {
      requestCe: true,
    });
  }
  return { firstLed: ids.get(firstLed)!, secondLed: ids.get(secondLed)! };
}

/** Teachers, admin enrollments and the attendance of every session held so far. */
async function fillCohort(world: DemoWorld, id: string, plan: CohortPlan): Promise<void> {
  const { admin } = world;
  for (const teacher of plan.teachers ?? [])
    await world.host.get(CoursesService).addTeacher(admin, id, teacher);
  for (const userId of plan.participants ?? [])
    await world.host
      .get(EnrollmentsService)
      .enroll(admin, id, { userId, requestCe: plan.ceEligible });
  if (!plan.participants?.length) return;
  const sessions = await world.db.query<{ id: string; number: number }>(
    `SELECT id, number FROM cohort_sessions
     WHERE cohort_id = $1 AND starts_at <= $2 ORDER BY number`,
    [id, world.now],
  );
  for (const session of sessions) {
    await world.host.get(AttendanceService).record(
      admin,
      id,
      session.id,
      plan.participants.map((userId) => ({
        userId,
        status: plan.absences?.get(userId)?.includes(session.number)
          ? AttendanceStatus.Absent
          : AttendanceStatus.Present,
      })),
    );
  }
  if (plan.complete) await world.host.get(CompletionService).requestCompletion(admin, id);
}

const ATTESTED: Record<AttestationKind, string> = {
  [AttestationKind.DailyPractice2y]:
    'I have practised mindfulness daily for over two years, mostly sitting meditation.',
  [AttestationKind.SilentRetreat5d]:
    'I attended a 7-day silent insight retreat led by two experienced teachers.',
  [AttestationKind.GroupTeaching]:
    'I have guided weekly meditation groups at my workplace for a year.',
};

/** Logged practice days and attestations with evidence: pending for Priya, verified for the rest. */
async function personalPractice(world: DemoWorld): Promise<void> {
  const practice = world.host.get(PracticeService);
  const attestations = world.host.get(AttestationsService);
  const logPractice = async (key: TraineeKey, daysPractised: number) => {
    const kinds = Object.values(PracticeKind);
    for (let i = 0; i < daysPractised; i++) {
      // Spread over the last 60 days, today left out (the trainee's today may be UTC's yesterday).
      const daysAgo = 1 + Math.floor((i * 59) / daysPractised);
      await practice.log(
        traineeActor(world, key),
        {
          date: dateAgo(world, daysAgo),
          minutes: 20 + ((i * 7) % 25),
          practice: kinds[i % kinds.length]!,
          note: i % 9 === 0 ? 'Felt settled after the practice.' : null,
        },
        world.now,
      );
    }
  };
  await logPractice('practice', 22);
  for (const key of ['applicant', 'practicum', 'trained', 'certified'] as const)
    await logPractice(key, 50);

  const attest = async (key: TraineeKey, verify: boolean) => {
    for (const kind of Object.values(AttestationKind)) {
      const evidence = await attestations.storeEvidence(
        Readable.from([evidencePdf(`${TRAINEES[key].displayName}: ${kind}`)]),
        `${kind}.pdf`,
      );
      const attestation = await attestations.submit(
        traineeActor(world, key),
        { kind, statement: ATTESTED[kind] },
        evidence,
      );
      if (verify) {
        await attestations.decide(world.admin, attestation.id, {
          decision: 'verified',
          note: 'Evidence checked.',
        });
      }
    }
  };
  await attest('practice', false);
  for (const key of ['applicant', 'practicum', 'trained', 'certified'] as const)
    await attest(key, true);
}

/** Teacher-training applications: Sam's waiting for a decision, three approved. */
async function trainingApplications(world: DemoWorld): Promise<void> {
  const applications = world.host.get(ApplicationsService);
  await applications.submit(traineeActor(world, 'applicant'), {
    kind: ApplicationKind.TeacherTraining,
    statement: 'I would like to bring self-compassion to the nurses I work with.',
  });
  for (const key of ['practicum', 'trained', 'certified'] as const) {
    const application = await applications.submit(traineeActor(world, key), {
      kind: ApplicationKind.TeacherTraining,
      statement: 'I have practised for years and want to teach MSC in my community.',
    });
    await applications.decide(world.admin, application.id, {
      decision: 'approved',
      note: 'Welcome to teacher training.',
    });
  }
}

/** Practicums and their ledgers (consultations during the co-taught course, mentoring after). */
async function practicumLedgers(world: DemoWorld): Promise<{ tara: string; cara: string }> {
  const practicums = world.host.get(PracticumService);
  const { admin, trainee } = world;
  const theo = await practicums.create(admin, {
    traineeId: trainee.practicum,
    mentorId: world.maya,
  });
  const tara = await practicums.create(admin, { traineeId: trainee.trained, mentorId: world.noah });
  const cara = await practicums.create(admin, {
    traineeId: trainee.certified,
    mentorId: world.noah,
  });
  const logSessions = async (
    practicumId: string,
    kind: PracticumSessionKind,
    daysAgo: number[],
    minutes: number,
  ) => {
    for (const days of daysAgo)
      await practicums.logSession(
        admin,
        practicumId,
        { kind, heldAt: noonAgo(world, days), minutes },
        world.now,
      );
  };
  const every = (from: number, step: number, count: number) =>
    Array.from({ length: count }, (_, i) => from - i * step);
  await logSessions(theo.id, PracticumSessionKind.Consultation, [12, 5], 90);
  await logSessions(tara.id, PracticumSessionKind.Consultation, every(558, 5, 10), 90);
  await logSessions(cara.id, PracticumSessionKind.Consultation, every(558, 5, 10), 90);
  await logSessions(tara.id, PracticumSessionKind.Mentoring, every(290, 14, 5), 60);
  await logSessions(cara.id, PracticumSessionKind.Mentoring, every(420, 12, 14), 60);
  return { tara: tara.id, cara: cara.id };
}

/** Four of Cara's recordings rated competent by their assigned reviewers, one of Tara's waiting. */
async function teachingRecordings(
  world: DemoWorld,
  caraPracticum: string,
  taraPracticum: string,
  led: { firstLed: string; secondLed: string },
): Promise<void> {
  const recordings = world.host.get(RecordingSubmissionService);
  const reviews = world.host.get(ReviewsService);
  const upload = async (key: TraineeKey, practicumId: string, cohort: string, session: number) => {
    const file = await recordings.storeFile(
      Readable.from([teachingRecordingWav(75)]),
      `session-${session}.wav`,
    );
    return recordings.register(
      traineeActor(world, key),
      practicumId,
      { cohortId: cohort, sessionNumber: session },
      file,
    );
  };
  const caraRecordings = [
    await upload('certified', caraPracticum, led.firstLed, 3),
    await upload('certified', caraPracticum, led.firstLed, 6),
    await upload('certified', caraPracticum, led.secondLed, 2),
    await upload('certified', caraPracticum, led.secondLed, 7),
  ];
  await upload('trained', taraPracticum, led.secondLed, 4);
  await world.host.settle(); // probed, reviewer assigned
  const levels = ['competent', 'proficient', 'competent', 'advanced', 'proficient', 'competent'];
  for (const [i, recording] of caraRecordings.entries()) {
    const [row] = await world.db.query<{ reviewer_id: string | null; status: string }>(
      'SELECT reviewer_id, status FROM teaching_recordings WHERE id = $1',
      [recording.id],
    );
    if (!row?.reviewer_id) {
      throw new Error(`recording ${recording.id} was not assigned a reviewer (${row?.status})`);
    }
    await reviews.submit({ id: row.reviewer_id, roles: [Role.Mentor] }, recording.id, {
      scores: Object.fromEntries(
        RUBRIC_DOMAINS.map((domain, d) => [domain, levels[(d + i) % levels.length]!]),
      ),
      comments: [
        { atSeconds: 12, text: 'A warm, unhurried opening.' },
        { atSeconds: 48, text: 'The inquiry stayed with the participant’s experience.' },
      ],
      summary: 'Competent across every domain; the pacing of the guided practice stood out.',
    });
  }
}

/** Trained for Tara and Cara, then Certified for Cara; the credentials are issued by jobs. */
async function designations(world: DemoWorld, caraPracticum: string): Promise<void> {
  const certification = world.host.get(CertificationService);
  for (const key of ['trained', 'certified'] as const) {
    const request = await certification.request(
      traineeActor(world, key),
      Designation.TrainedTeacher,
    );
    await certification.decide(world.admin, request.id, 'approved', 'Practicum completed.');
  }
  const certified = await certification.request(
    traineeActor(world, 'certified'),
    Designation.CertifiedTeacher,
  );
  await certification.decide(
    world.admin,
    certified.id,
    'approved',
    'Certification requirements met.',
  );
  await world.host.get(PracticumService).close(world.admin, caraPracticum);
  await world.host.settle(); // credentials signed, notifications delivered
}
