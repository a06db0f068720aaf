import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { AttendanceStatus, EnrollmentStatus } from '@msc/domain/courses';
import { PageQuery } from '../../common/pagination.dto.js';

const ENROLLMENT_STATUSES = Object.values(EnrollmentStatus);
const ATTENDANCE_STATUSES = Object.values(AttendanceStatus);

export class EnrollDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Admins only: whom to enroll' })
  @IsOptional()
  @IsUUID()
  userId?: string;

  @ApiPropertyOptional({ description: 'Ask for CE credits (CE-eligible cohorts)' })
  @IsOptional()
  @IsBoolean()
  requestCe?: boolean;

  @ApiPropertyOptional({ description: 'Professional license number, printed on CE certificates' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  licenseNumber?: string;
}

export class ListEnrollmentsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ENROLLMENT_STATUSES })
  @IsOptional()
  @IsIn(ENROLLMENT_STATUSES)
  status?: EnrollmentStatus;
}

export class AttendanceEntryDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  userId: string;

  @ApiProperty({ enum: ATTENDANCE_STATUSES })
  @IsIn(ATTENDANCE_STATUSES, {
    message: `status must be one of: ${ATTENDANCE_STATUSES.join(', ')}`,
  })
  status: AttendanceStatus;
}

export class RecordAttendanceDto {
  @ApiProperty({ type: [AttendanceEntryDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @ArrayUnique((entry: AttendanceEntryDto) => entry?.userId, {
    message: 'records must name each person once',
  })
  @ValidateNested({ each: true })
  @Type(() => AttendanceEntryDto)
  records: AttendanceEntryDto[];
}
