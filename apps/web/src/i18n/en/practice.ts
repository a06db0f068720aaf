// Strings of this area's pages; the keys are read as t('practice.key').
export default {
  title: 'Practice',
  intro: 'Log each day you practise. The figures below are counted by the platform.',
  form: {
    heading: 'Log a day',
    date: 'Date',
    dateHint: 'Type YYYY-MM-DD or pick a day; a day in your time zone ({{zone}})',
    minutes: 'Minutes',
    practice: 'Practice',
    note: 'Note',
    noteHint: 'Optional: anything you want to remember about this practice',
    submit: 'Log practice',
    saved: 'Logged {{minutes}} minutes on {{date}}.',
  },
  kinds: {
    sitting: 'Sitting meditation',
    loving_kindness: 'Loving-kindness',
    self_compassion: 'Self-compassion',
    informal: 'Informal practice',
  },
  figures: {
    daysLast60: 'Days in the last 60',
    currentStreak: 'Current streak',
    days_one: '{{count}} day',
    days_other: '{{count}} days',
  },
  calendar: {
    heading: 'Your last 60 days',
    hint: 'Each square is a day, oldest first; filled squares are days you practised.',
    practised: '{{date}}: practised, {{minutes}} minutes',
    notPractised: '{{date}}: no practice logged',
  },
  latest: {
    heading: 'Latest entries',
    empty: 'Nothing logged yet. Log your first practice with the form above.',
    entry: '{{date}}: {{practice}}, {{minutes}} minutes',
  },
} as const;
