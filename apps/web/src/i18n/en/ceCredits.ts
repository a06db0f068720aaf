export default {
  title: 'CE credits',
  intro: 'Continuing-education credits from the CE-eligible cohorts you completed.',
  hours_one: '{{count}} hour',
  hours_other: '{{count}} hours',
  total_one: '{{count}} CE hour in total',
  total_other: '{{count}} CE hours in total',
  certificateNumber: 'Certificate number',
  issued: 'Issued {{when}}',
  download: 'Download certificate',
  empty: {
    title: 'No CE credits yet',
    body: 'CE credits are issued when you complete a CE-eligible cohort you enrolled in with CE requested.',
    link: 'Find a cohort',
  },
} as const;
