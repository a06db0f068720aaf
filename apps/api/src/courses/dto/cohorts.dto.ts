import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { CohortStatus, SessionCadence, TeacherRole } from '@msc/domain/courses';
import { PageQuery } from '../../common/pagination.dto.js';
import { IsInstant } from '../../common/validators.js';
import { IsIanaTimeZone, IsLocalDate } from './schedule.validators.js';

const STATUSES = Object.values(CohortStatus);
const CADENCES = Object.values(SessionCadence);
const TEACHER_ROLES = Object.values(TeacherRole);

export class CreateCohortDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  courseId: string;

  @ApiProperty({ example: 'Spring 2027, Tuesday evenings' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  title: string;

  @ApiProperty({
    example: '2027-03-02',
    description: 'Local date of the first session; may be past',
  })
  @IsLocalDate()
  startDate: string;

  @ApiProperty({ example: '18:30', description: 'Local wall-clock time of every session' })
  @IsString()
  @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'localTime must be HH:mm (00:00-23:59)' })
  localTime: string;

  @ApiProperty({ example: 'America/New_York' })
  @IsString()
  @MaxLength(64)
  @IsIanaTimeZone()
  timeZone: string;

  @ApiProperty({ minimum: 1, maximum: 10000, example: 24 })
  @IsInt()
  @Min(1)
  @Max(10000)
  capacity: number;

  @ApiProperty()
  @IsBoolean()
  ceEligible: boolean;

  @ApiPropertyOptional({
    enum: CADENCES,
    description: 'Default: daily for msc_intensive, weekly for the other formats',
  })
  @IsOptional()
  @IsIn(CADENCES, { message: `cadence must be one of: ${CADENCES.join(', ')}` })
  cadence?: SessionCadence;
}

export class ListCohortsQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  courseId?: string;

  @ApiPropertyOptional({ enum: STATUSES })
  @IsOptional()
  @IsIn(STATUSES, { message: `status must be one of: ${STATUSES.join(', ')}` })
  status?: CohortStatus;
}

export class AddTeacherDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  userId: string;

  @ApiProperty({ enum: TEACHER_ROLES })
  @IsIn(TEACHER_ROLES, { message: `role must be one of: ${TEACHER_ROLES.join(', ')}` })
  role: TeacherRole;
}

export class MoveSessionDto {
  @ApiProperty({ example: '2027-03-17T22:30:00.000Z' })
  @IsInstant()
  @Matches(/T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/, {
    message: 'startsAt must be a date-time with a time zone offset or Z',
  })
  startsAt: string;
}

export class UpdateCohortDto {
  @ApiPropertyOptional({ example: 'Spring 2027, Tuesday evenings' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  title?: string;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: 10000,
    description:
      'Not below the people already enrolled (409); a larger one fills from the waitlist',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10000)
  capacity?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  ceEligible?: boolean;

  @ApiPropertyOptional({
    example: '2027-03-09',
    description: 'Only before the first session has begun (409 after); the sessions are re-planned',
  })
  @IsOptional()
  @IsLocalDate()
  startDate?: string;

  @ApiPropertyOptional({ example: '19:00', description: 'HH:mm; only before the first session' })
  @IsOptional()
  @IsString()
  @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'localTime must be HH:mm (00:00-23:59)' })
  localTime?: string;

  @ApiPropertyOptional({
    example: 'America/New_York',
    description: 'Only before the first session',
  })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  @IsIanaTimeZone()
  timeZone?: string;
}

export class CancelCohortDto {
  @ApiProperty({
    example: 'The teacher is ill and no replacement could be found',
    description: 'Told to the enrolled and the waitlisted',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  reason: string;
}
