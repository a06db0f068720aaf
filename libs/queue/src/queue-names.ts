/** Queue names are stored in Redis: never rename one in place. */
export enum QueueName {
  Notifications = 'notifications',
  CeCredits = 'ce-credits',
}

/** Job names are stored in Redis: never rename one in place. */
export enum JobName {
  DeliverNotification = 'deliver-notification',
  IssueCohortCeCredits = 'issue-cohort-ce-credits',
}

/** Which queue carries each job. */
export const QUEUE_OF_JOB = {
  [JobName.DeliverNotification]: QueueName.Notifications,
  [JobName.IssueCohortCeCredits]: QueueName.CeCredits,
} as const satisfies Record<JobName, QueueName>;

/** The job names a queue carries, at the type level: processors must handle each one. */
export type JobNameOf<Q extends QueueName> = {
  [N in JobName]: (typeof QUEUE_OF_JOB)[N] extends Q ? N : never;
}[JobName];

export function jobNamesOf(queue: QueueName): JobName[] {
  return (Object.keys(QUEUE_OF_JOB) as JobName[]).filter((name) => QUEUE_OF_JOB[name] === queue);
}
