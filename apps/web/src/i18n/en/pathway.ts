export default {
  title: 'My pathway',
  overall: 'Overall {{percent}}% complete',
  pathwayVersion: '{{key}}, version {{version}}',
  designation: 'Your designation: {{designation}}',
  stageStatus: {
    completed: 'Completed',
    in_progress: 'In progress',
    locked: 'Not started',
  },
  requirementsOf: 'Requirements of {{stage}}',
  nextSteps: 'Next steps',
  noNextSteps: 'Nothing to do right now: every requirement so far is met.',
  goThere: 'Go to the page',
} as const;
