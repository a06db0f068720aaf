// Data for the mentor pages' browser tests: a mentor, a trainee in practicum with them, and a real
// recording that the server's worker has probed and assigned, all through the real API.
import { wav } from '../e2e/practicum.fixtures.js';
import { baseUrl, uniqueEmail } from './browser.js';
import {
  PASSWORD,
  adminToken,
  call,
  dayFromToday,
  newCohort,
  newCourse,
  newTrainee,
  tokenOf,
  type CohortAnswer,
  type Trainee,
} from './trainee-data.js';

export interface Mentor {
  id: string;
  email: string;
  token: string;
  name: string;
}

/** The mentors' zone: not the browser's (Europe/Lisbon), so pages must use the profile's. */
export const MENTOR_ZONE = 'America/New_York';

/** A mentor (and nothing else) made by the admin through POST /users, living in MENTOR_ZONE. */
export async function newMentor(name: string): Promise<Mentor> {
  const admin = await adminToken();
  const email = uniqueEmail('mentor');
  const created = await call<{ id: string }>(admin, 'POST', '/users', {
    email,
    displayName: name,
    password: PASSWORD,
    roles: ['mentor'],
  });
  const token = await tokenOf(email);
  await call(token, 'PATCH', '/me', { timeZone: MENTOR_ZONE });
  return { id: created.id, email, token, name };
}

export interface Mentee {
  trainee: Trainee & { name: string };
  practicumId: string;
  cohort: CohortAnswer;
  courseTitle: string;
}

/** A trainee who teaches a cohort, in an active practicum with the mentor. */
export async function newMentee(mentor: Mentor, name: string): Promise<Mentee> {
  const admin = await adminToken();
  const trainee = await newTrainee('mentee');
  await call(trainee.token, 'PATCH', '/me', { displayName: name });
  const course = await newCourse(admin);
  const cohort = await newCohort(admin, course.id, {
    title: `Taught by ${name} ${Date.now().toString(36)}`,
    startDate: dayFromToday(-21),
  });
  await call(admin, 'POST', `/cohorts/${cohort.id}/teachers`, { userId: trainee.id, role: 'lead' });
  const practicum = await call<{ id: string }>(admin, 'POST', '/practicums', {
    traineeId: trainee.id,
    mentorId: mentor.id,
  });
  return {
    trainee: { ...trainee, name },
    practicumId: practicum.id,
    cohort,
    courseTitle: course.title,
  };
}

/**
 * The trainee uploads a real WAV of `seconds` for a session of their cohort; resolves with the
 * recording's id once the worker has probed it and assigned it to a reviewer.
 */
export async function uploadRecording(
  mentee: Mentee,
  session: number,
  seconds = 75,
): Promise<string> {
  const form = new FormData();
  form.append('cohortId', mentee.cohort.id);
  form.append('sessionNumber', String(session));
  form.append('consentConfirmed', 'true');
  form.append(
    'file',
    new Blob([new Uint8Array(wav(seconds))], { type: 'audio/wav' }),
    `session-${session}.wav`,
  );
  const response = await fetch(`${baseUrl}/api/v1/practicums/${mentee.practicumId}/recordings`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${mentee.trainee.token}` },
    body: form,
  });
  if (response.status !== 202)
    throw new Error(`upload ${response.status}: ${await response.text()}`);
  const { id } = (await response.json()) as { id: string };
  const deadline = Date.now() + 30_000;
  for (;;) {
    const recording = await call<{ status: string }>(
      mentee.trainee.token,
      'GET',
      `/recordings/${id}`,
    );
    if (recording.status === 'awaiting_review') return id;
    if (Date.now() > deadline) throw new Error(`recording ${id} is ${recording.status}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
