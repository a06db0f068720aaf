export default {
  title: 'Credentials',
  intro: 'Your MSC teacher credentials, verifiable by anyone from their public page.',
  designation: {
    trained_teacher: 'Trained MSC Teacher',
    certified_teacher: 'Certified MSC Teacher',
  },
  status: {
    active: 'Valid',
    suspended: 'Suspended',
    revoked: 'Revoked',
  },
  statusHint: {
    active: '',
    suspended:
      'This credential is suspended: its verification page says so until it is reinstated.',
    revoked: 'This credential is revoked: its verification page says so.',
  },
  issued: 'Issued {{when}}',
  verification: 'Verification page',
  pdf: 'Download PDF',
  linkedIn: 'Add to LinkedIn',
  newTab: 'The links open in a new tab.',
  empty: {
    title: 'No credential yet',
    body: 'A credential is issued when your certification request is approved.',
    link: 'Request certification',
  },
} as const;
