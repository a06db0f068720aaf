import { JobName } from './queue-names.js';

export interface DeliverNotificationPayload {
  userId: string;
  /** One notification per key: a retried or re-sent job never delivers twice. */
  dedupeKey: string;
  kind: string;
  title: string;
  body: string;
  /** Also send by e-mail when SMTP is configured. */
  email?: boolean;
}

export interface IssueCohortCeCreditsPayload {
  cohortId: string;
}

/** Ties every job name to its payload: a wrong payload is a compile error. */
export type JobItem =
  | { name: JobName.DeliverNotification; data: DeliverNotificationPayload }
  | { name: JobName.IssueCohortCeCredits; data: IssueCohortCeCreditsPayload };

export type JobPayloadOf<N extends JobName> = Extract<JobItem, { name: N }>['data'];

const UNSAFE = /[^A-Za-z0-9._-]/g;
const safe = (part: string) => part.replace(UNSAFE, '_');

/** A deterministic id (no ':'), so that the same logical job is only ever queued once. */
export function jobIdOf(item: JobItem): string {
  switch (item.name) {
    case JobName.DeliverNotification:
      return `notification.${safe(item.data.dedupeKey)}`;
    case JobName.IssueCohortCeCredits:
      return `ce-cohort.${safe(item.data.cohortId)}`;
  }
}
