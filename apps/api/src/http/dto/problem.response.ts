import { applyDecorators } from '@nestjs/common';
import {
  ApiExtraModels,
  ApiProperty,
  ApiPropertyOptional,
  ApiResponse,
  ApiSchema,
  type ApiSchemaOptions,
  getSchemaPath,
} from '@nestjs/swagger';
import { PROBLEM_CONTENT_TYPE } from '../problem.js';

export class FieldErrorDto {
  @ApiProperty({ example: 'email' }) field: string;
  @ApiProperty({ example: 'email must be an email' }) message: string;
}

export class UnmetRequirementDto {
  @ApiProperty({ example: 'msc_course' }) key: string;
  @ApiProperty({ example: 'Complete an MSC 8-week course' }) title: string;
  @ApiProperty({ example: 0 }) have: number;
  @ApiProperty({ example: 1 }) need: number;
  @ApiPropertyOptional({
    example: 'Complete an MSC 8-week course (0 of 1)',
    description: 'A sentence saying what is still needed',
  })
  detail?: string;
}

/** RFC 9457 problem details: the body of every error answer (`application/problem+json`). */
@ApiSchema({
  description:
    'RFC 9457 problem details. Extension members beside those listed carry what a refusal adds (for example maxBytes, currentStatus, notEnrolled).',
  // Extension members are open by design (RFC 9457 §3.2).
  additionalProperties: true,
} as ApiSchemaOptions)
export class ProblemDto {
  @ApiProperty({ format: 'uri', example: 'https://msc-pathway.dev/problems/validation' })
  type: string;
  @ApiProperty({ example: 'Bad Request' }) title: string;
  @ApiProperty({ example: 400 }) status: number;
  @ApiProperty({ example: 'email must be an email' }) detail: string;
  @ApiPropertyOptional({ description: 'The request path' }) instance?: string;
  @ApiPropertyOptional({
    example: 'courses.already_enrolled',
    description: 'The domain error code, stable for clients to branch on',
  })
  code?: string;
  @ApiPropertyOptional({
    type: [FieldErrorDto],
    description: 'Validation failures, one per field',
  })
  errors?: FieldErrorDto[];
  @ApiPropertyOptional({
    type: [UnmetRequirementDto],
    description: 'The pathway requirements a refused step still needs',
  })
  unmet?: UnmetRequirementDto[];
}

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input; `errors` names each field',
  401: 'No valid access token',
  403: 'Not allowed for this user',
  404: 'Not found',
  409: 'Conflicts with the current state',
  410: 'The link has expired',
  413: 'The upload is too large',
  415: 'The media type is not accepted',
  416: 'The range lies outside the content',
  422: 'Refused; unmet pathway requirements are listed in `unmet`',
  429: 'Too many requests; `Retry-After` says when to try again',
  503: 'A dependency (PostgreSQL, Redis) is unavailable; `Retry-After` says when to try again',
};

/** One error answer: a ProblemDto as application/problem+json. */
export const ApiProblemResponse = (
  status: number,
  description = DESCRIPTIONS[status] ?? 'Refused',
) =>
  applyDecorators(
    ApiExtraModels(ProblemDto),
    ApiResponse({
      status,
      description,
      content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: getSchemaPath(ProblemDto) } } },
    }),
  );

/** The error answers a route may give, each described by ProblemDto (see DESCRIPTIONS). */
export const ApiProblems = (...statuses: number[]) =>
  applyDecorators(...statuses.map((status) => ApiProblemResponse(status)));

/** A non-JSON body (200 unless told): its media types, as a binary (or text) string. */
export const ApiFileResponse = (
  description: string,
  mediaTypes: string[],
  schema: { type: 'string'; format?: string } = { type: 'string', format: 'binary' },
  status = 200,
) =>
  ApiResponse({
    status,
    description,
    content: Object.fromEntries(mediaTypes.map((type) => [type, { schema }])),
  });
