// Strings of this area's pages; the keys are read as t('applications.key').
export default {
  unmet: {
    heading: 'Not yet: these requirements are still open',
    haveNeed: '{{have}} / {{need}}',
    seePathway: 'See My pathway for what each one needs',
  },
  attestations: {
    title: 'Attestations',
    intro:
      'Attest to what you did outside the platform, with a file as evidence. An admin verifies it.',
    formHeading: 'New attestation',
    kind: 'Kind',
    statement: 'Statement',
    statementHint: 'In your own words: what, when and where',
    evidence: 'Evidence',
    evidenceHint: 'A PDF or an image (PNG, JPEG, WebP or HEIC)',
    submit: 'Submit attestation',
    submitted: 'Your attestation was sent for review.',
    listHeading: 'Your attestations',
    empty: 'You have not submitted an attestation yet. Use the form above when you are ready.',
    submittedOn: 'Submitted {{date}}',
    decidedOn: 'Decided {{date}}',
    note: 'Note from the reviewer: {{note}}',
    evidenceFile: 'Evidence: {{name}}',
    kinds: {
      daily_practice_2y: 'Two years of daily practice',
      silent_retreat_5d: 'A silent retreat of five days',
      group_teaching: 'Teaching a group',
    },
    status: {
      pending: 'Pending review',
      verified: 'Verified',
      rejected: 'Rejected',
    },
  },
  application: {
    title: 'Application',
    intro:
      'Apply for teacher training. The platform checks the prerequisites when you submit and tells you what is missing.',
    formHeading: 'Teacher-training application',
    statement: 'Statement',
    statementHint: 'Why you want to teach MSC, and your experience so far',
    submit: 'Submit application',
    submitted: 'Your application was submitted. An admin will decide on it.',
    listHeading: 'Your applications',
    empty: 'You have not applied yet.',
    submittedOn: 'Submitted {{date}}',
    note: 'Note from the reviewer: {{note}}',
    status: {
      submitted: 'Submitted',
      approved: 'Approved',
      rejected: 'Rejected',
    },
  },
} as const;
