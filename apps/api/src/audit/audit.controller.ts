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
import { Role } from '@msc/domain/kernel';
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
}

@ApiTags('audit')
@Controller('audit-events')
@Roles(Role.Admin)
export class AuditController {
  constructor(private readonly audit: AuditLog) {}

  @Get()
  @ApiOperation({ summary: 'The audit trail, newest first, by actor, action or subject' })
  @ApiOkResponse({ type: AuditEventListResponse })
  @ApiProblems(400)
  list(@Query() query: AuditQueryDto) {
    return this.audit.list(query);
  }
}
