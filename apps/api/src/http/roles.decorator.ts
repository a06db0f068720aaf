import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import type { Role } from '@msc/kernel';
import { ApiProblemResponse } from './dto/problem.response.js';
import { ROLES } from './public.decorator.js';

/** Any of these roles may call the route (the route is still signed-in only). */
export const Roles = (...roles: Role[]) =>
  applyDecorators(
    SetMetadata(ROLES, roles),
    ApiBearerAuth(),
    ApiProblemResponse(401, 'No valid access token'),
    ApiProblemResponse(403, `Needs one of the roles: ${roles.join(', ')}`),
    ApiProblemResponse(503),
  );

/** Any signed-in user may call the route; ownership is checked by the service. */
export const SignedIn = () =>
  applyDecorators(
    SetMetadata(ROLES, []),
    ApiBearerAuth(),
    ApiProblemResponse(401, 'No valid access token'),
    ApiProblemResponse(503),
  );
