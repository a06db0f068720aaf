import applications from './applications';
import ceCredits from './ceCredits';
import certification from './certification';
import cohorts from './cohorts';
import common from './common';
import credentials from './credentials';
import identity from './identity';
import mentees from './mentees';
import nav from './nav';
import notifications from './notifications';
import pathway from './pathway';
import practice from './practice';
import practicum from './practicum';
import profile from './profile';
import reviews from './reviews';

/**
 * The English catalogue: one file per area, read as t('<area>.<key>'). The admin areas are apart
 * (./admin-areas.ts), loaded when an admin page opens: nobody else downloads their strings.
 */
export const en = {
  common,
  nav,
  identity,
  pathway,
  cohorts,
  practice,
  applications,
  certification,
  practicum,
  reviews,
  mentees,
  credentials,
  ceCredits,
  notifications,
  profile,
};
