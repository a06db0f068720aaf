import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Role } from '@msc/domain/kernel';
import { ROLES } from './public.decorator.js';

/** Any of these roles may call the route (the route is still signed-in only). */
export const Roles = (...roles: Role[]) =>
  applyDecorators(
    SetMetadata(ROLES, roles),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ description: 'No valid access token' }),
    ApiForbiddenResponse({ description: `Needs one of the roles: ${roles.join(', ')}` }),
  );

/** Any signed-in user may call the route; ownership is checked by the service. */
export const SignedIn = () =>
  applyDecorators(
    SetMetadata(ROLES, []),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ description: 'No valid access token' }),
  );
