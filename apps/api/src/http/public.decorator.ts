import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'msc:isPublic';
export const ROLES = 'msc:roles';

/** Opens a route to anyone: the deliberate exception to the global guard. */
export const Public = () => SetMetadata(IS_PUBLIC, true);
