// Strings of the mentor's mentees pages; the keys are read as t('mentees.key').
export default {
  title: 'Mentees',
  intro:
    'The trainees you mentor: where they stand on the pathway, and the consultation and mentoring sessions you held with them.',
  empty:
    'You mentor no one yet. An admin pairs you with a trainee when their practicum opens; they then appear here.',
  closed: 'Closed',
  progress: 'Pathway progress of {{name}}',
  percent: '{{percent}}% of the pathway',
  progressLink: 'Progress of {{name}}',
  recordings:
    'Recordings: {{count}} uploaded, {{competent}} competent, {{awaiting}} awaiting review',
  ledger: {
    heading: 'Sessions with {{name}}',
    consultation: 'Consultation: {{count}} sessions, {{minutes}} minutes',
    mentoring: 'Mentoring: {{count}} sessions, {{minutes}} minutes',
    empty:
      'No sessions logged yet. Log each consultation or mentoring session below after it is held.',
    entry: '{{kind}}, {{minutes}} minutes, {{when}}',
    more_one: 'And {{count}} earlier session.',
    more_other: 'And {{count}} earlier sessions.',
  },
  kinds: {
    consultation: 'Consultation',
    mentoring: 'Mentoring',
  },
  form: {
    heading: 'Log a session with {{name}}',
    kind: 'Kind',
    heldAt: 'Held at',
    heldAtHint: 'YYYY-MM-DD HH:mm, in {{zone}}; not in the future.',
    heldAtRequired: 'Enter when it was held, as YYYY-MM-DD HH:mm.',
    minutes: 'Minutes',
    minutesHint: 'From 15 to 480.',
    submit: 'Log session',
    saved: 'Logged: {{kind}}, {{minutes}} minutes, {{when}}.',
  },
  trainee: {
    title: 'Progress of {{name}}',
    loadingTitle: 'Progress',
    back: 'Back to Mentees',
    overall: '{{percent}}% of the pathway is complete.',
    readOnly: 'What the trainee sees on their pathway, read-only.',
    nextSteps: 'Next steps',
    noNextSteps: 'Nothing is pending.',
  },
} as const;
