/** Queue names are stored in Redis: never rename one in place. */
export enum QueueName {
  Notifications = 'notifications',
  CeCredits = 'ce-credits',
  Credentials = 'credentials',
  Scheduling = 'scheduling',
  Recordings = 'recordings',
  Maintenance = 'maintenance',
}

/** Job names are stored in Redis: never rename one in place. */
export enum JobName {
  DeliverNotification = 'deliver-notification',
  DeliverNotifications = 'deliver-notifications',
  IssueCohortCeCredits = 'issue-cohort-ce-credits',
  IssueCeCreditChunk = 'issue-ce-credit-chunk',
  IssueCredential = 'issue-credential',
  GenerateCohortSessions = 'generate-cohort-sessions',
  SendSessionReminder = 'send-session-reminder',
  PromoteWaitlist = 'promote-waitlist',
  CompleteCohort = 'complete-cohort',
  ProbeRecording = 'probe-recording',
  AssignRecordingReview = 'assign-recording-review',
  RecordingReviewReminder = 'recording-review-reminder',
  RecordingReviewEscalation = 'recording-review-escalation',
  SweepOrphanBlobs = 'sweep-orphan-blobs',
  ReconcileBackgroundWork = 'reconcile-background-work',
}

/** Which queue carries each job. */
export const QUEUE_OF_JOB = {
  [JobName.DeliverNotification]: QueueName.Notifications,
  [JobName.DeliverNotifications]: QueueName.Notifications,
  [JobName.IssueCohortCeCredits]: QueueName.CeCredits,
  [JobName.IssueCeCreditChunk]: QueueName.CeCredits,
  [JobName.IssueCredential]: QueueName.Credentials,
  [JobName.GenerateCohortSessions]: QueueName.Scheduling,
  [JobName.SendSessionReminder]: QueueName.Scheduling,
  [JobName.PromoteWaitlist]: QueueName.Scheduling,
  [JobName.CompleteCohort]: QueueName.Scheduling,
  [JobName.ProbeRecording]: QueueName.Recordings,
  [JobName.AssignRecordingReview]: QueueName.Recordings,
  [JobName.RecordingReviewReminder]: QueueName.Recordings,
  [JobName.RecordingReviewEscalation]: QueueName.Recordings,
  [JobName.SweepOrphanBlobs]: QueueName.Maintenance,
  [JobName.ReconcileBackgroundWork]: QueueName.Maintenance,
} as const satisfies Record<JobName, QueueName>;

/** The job names a queue carries, at the type level: processors must handle each one. */
export type JobNameOf<Q extends QueueName> = {
  [N in JobName]: (typeof QUEUE_OF_JOB)[N] extends Q ? N : never;
}[JobName];

export function jobNamesOf(queue: QueueName): JobName[] {
  return (Object.keys(QUEUE_OF_JOB) as JobName[]).filter((name) => QUEUE_OF_JOB[name] === queue);
}
