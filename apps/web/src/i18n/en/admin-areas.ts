import admin from './admin';
import adminCredentials from './adminCredentials';
import adminJobs from './adminJobs';
import decisions from './decisions';

/** The English strings of the admin pages, added to the catalogue by `loadAdminStrings`. */
export const enAdmin = {
  admin,
  adminCredentials,
  adminJobs,
  decisions,
};
