// Strings of the certification page; the keys are read as t('certification.key').
export default {
  title: 'Certification',
  intro:
    'Ask to be certified once your pathway allows it. The platform checks the requirements when you ask and tells you what is missing.',
  trainedHeading: 'Trained Teacher',
  trainedHint: 'After teacher training: teach under supervision.',
  requestTrained: 'Request Trained Teacher',
  certifiedHeading: 'Certified Teacher',
  certifiedHint: 'After the practicum and its reviewed recordings.',
  requestCertified: 'Request Certified Teacher',
  requested: 'Your request was sent for review.',
  listHeading: 'Your requests',
  empty: 'You have not asked for a certification yet.',
  requestedOn: 'Requested {{date}}',
  note: 'Note from the reviewer: {{note}}',
  designation: {
    trained_teacher: 'Trained Teacher',
    certified_teacher: 'Certified Teacher',
  },
  status: {
    pending_review: 'Pending review',
    approved: 'Approved',
    rejected: 'Rejected',
    revoked: 'Revoked',
  },
  seeCredentials: 'See your credentials',
} as const;
