/** The designations an admin grants at the end of a pathway stage. */
export enum Designation {
  TrainedTeacher = 'trained_teacher',
  CertifiedTeacher = 'certified_teacher',
}

export const ALL_DESIGNATIONS: readonly Designation[] = Object.values(Designation);

export interface DesignationDefinition {
  /** The designation that must already be held, if any. */
  requires?: Designation;
  achievementName: string;
  description: string;
  criteria: string;
}

export const DESIGNATIONS: Readonly<Record<Designation, DesignationDefinition>> = {
  [Designation.TrainedTeacher]: {
    achievementName: 'Trained MSC Teacher',
    description:
      'Completed Mindful Self-Compassion teacher training and the supervised Teacher Training Practicum.',
    criteria:
      'Completed an MSC course, an established personal practice with a silent retreat, MSC teacher ' +
      'training, and the supervised practicum: co-taught an 8-week MSC course with at least 8 ' +
      'participants while attending 10 group consultation sessions; approved by the certifying body.',
  },
  [Designation.CertifiedTeacher]: {
    requires: Designation.TrainedTeacher,
    achievementName: 'Certified MSC Teacher',
    description:
      'A Trained MSC Teacher whose teaching was reviewed and certified by the certifying body.',
    criteria:
      'Held the Trained MSC Teacher designation; taught two consecutive 8-week MSC courses with at ' +
      'least 8 participants each; completed 14 one-hour mentoring sessions; had 4 teaching ' +
      'recordings rated competent or above in every domain; approved by the certifying body.',
  },
};
