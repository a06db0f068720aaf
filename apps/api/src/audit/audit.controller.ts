import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  Validate,
  ValidatorConstraint,
  type ValidatorConstraintInterface,
} from 'class-validator';
import { AuditLog } from '@msc/domain/audit';
import { Role } from '@msc/kernel';
import { IsInstant } from '../common/validators.js';
import { ApiProblem } from '../http/api-problem.js';
import { ApiProblems } from '../http/dto/problem.response.js';
import { Roles } from '../http/roles.decorator.js';
import { AuditEventListResponse } from './dto/audit.response.js';

const MAX_BIGINT = 9_223_372_036_854_775_807n;

@ValidatorConstraint({ name: 'fitsBigint' })
class FitsBigint implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' && /^\d{1,19}$/.test(value) && BigInt(value) <= MAX_BIGINT;
  }

  defaultMessage(): string {
    return 'cursor must be the nextCursor of a previous page';
  }
}

class AuditQueryDto {
  @ApiPropertyOptional({ default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit: number = 50;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  // At most PostgreSQL's largest bigint: a longer cursor would be a database error, not a 400.
  @Matches(/^\d{1,19}$/, { message: 'cursor must be the nextCursor of a previous page' })
  @Validate(FitsBigint)
  cursor?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  actorId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(100)
  action?: string;

  @ApiPropertyOptional({ example: 'user/3f2c…' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  subject?: string;

  @ApiPropertyOptional({
    example: '2027-03-01T00:00:00Z',
    description: 'Events at or after this instant (ISO 8601; a bare date is midnight UTC)',
  })
  @IsOptional()
  @IsInstant()
  from?: string;

  @ApiPropertyOptional({
    example: '2027-04-01T00:00:00Z',
    description: 'Events before this instant; later than from',
  })
  @IsOptional()
  @IsInstant()
  to?: string;
}

@ApiTags('audit')
@Controller('audit-events')
@Roles(Role.Admin)
export class AuditController {
  constructor(private readonly audit: AuditLog) {}

  @Get()
  @ApiOperation({
    summary: 'The audit trail, newest first, by actor, action, subject or time range',
  })
  @ApiOkResponse({ type: AuditEventListResponse })
  @ApiProblems(400)
  list(@Query() query: AuditQueryDto) {
    const { from, to, ...rest } = query;
    const range = { from: from ? new Date(from) : undefined, to: to ? new Date(to) : undefined };
    if (range.from && range.to && range.from >= range.to) {
      throw new ApiProblem(400, 'validation', 'to must be later than from', {
        errors: [{ field: 'to', message: 'to must be later than from' }],
      });
    }
    return this.audit.list({ ...rest, ...range });
  }
}
