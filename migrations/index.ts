import { CreateFoundation1795776944782 } from './1795776944782-CreateFoundation.js';

/** Every migration, in order; listed explicitly so the app, the CLI and the tests agree. */
export const migrations = [CreateFoundation1795776944782];
