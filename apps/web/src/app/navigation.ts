import type { Role } from '../identity/session';
import type { en } from '../i18n/en';

type NavKey = keyof typeof en.nav;

export interface NavSection {
  /** Whose pages these are; null for everyone signed in. */
  role: Role | null;
  title: NavKey;
  links: { to: string; label: NavKey }[];
}

/** The pages of each role (UI.md), in the order a person meets them on the pathway. */
export const navigation: NavSection[] = [
  {
    role: 'trainee',
    title: 'trainee',
    links: [
      { to: '/', label: 'pathway' },
      { to: '/cohorts', label: 'cohorts' },
      { to: '/my-courses', label: 'myCourses' },
      { to: '/practice', label: 'practice' },
      { to: '/attestations', label: 'attestations' },
      { to: '/application', label: 'application' },
      { to: '/practicum', label: 'practicum' },
      { to: '/certification', label: 'certification' },
      { to: '/credentials', label: 'credentials' },
      { to: '/ce-credits', label: 'ceCredits' },
    ],
  },
  {
    role: 'mentor',
    title: 'mentor',
    links: [
      { to: '/reviews', label: 'reviews' },
      { to: '/mentees', label: 'mentees' },
    ],
  },
  {
    role: 'admin',
    title: 'admin',
    links: [
      { to: '/admin/decisions', label: 'adminDecisions' },
      { to: '/admin/courses', label: 'adminCourses' },
      { to: '/admin/cohorts', label: 'adminCohorts' },
      { to: '/admin/practicums', label: 'adminPracticums' },
      { to: '/admin/users', label: 'adminUsers' },
      { to: '/admin/credentials', label: 'adminCredentials' },
      { to: '/admin/audit', label: 'adminAudit' },
      { to: '/admin/jobs', label: 'adminJobs' },
    ],
  },
  {
    role: null,
    title: 'account',
    links: [
      { to: '/notifications', label: 'notifications' },
      { to: '/profile', label: 'profile' },
    ],
  },
];
