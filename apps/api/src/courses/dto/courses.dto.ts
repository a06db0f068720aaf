import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { CourseFormat, DeliveryMode } from '@msc/domain/courses';
import { PageQuery } from '../../common/pagination.dto.js';
import { IsDecimal } from '../../common/validators.js';

const FORMATS = Object.values(CourseFormat);
const MODES = Object.values(DeliveryMode);

export class CreateCourseDto {
  @ApiProperty({ example: 'MSC-8W-2027' })
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/, {
    message: 'code must be 1-40 letters, digits, dots, dashes or underscores',
  })
  code: string;

  @ApiProperty({ example: 'Mindful Self-Compassion (8 weeks)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  title: string;

  @ApiProperty({ enum: FORMATS })
  @IsIn(FORMATS, { message: `format must be one of: ${FORMATS.join(', ')}` })
  format: CourseFormat;

  @ApiPropertyOptional({ enum: MODES, default: DeliveryMode.Online })
  @IsOptional()
  @IsIn(MODES, { message: `deliveryMode must be one of: ${MODES.join(', ')}` })
  deliveryMode?: DeliveryMode;

  @ApiProperty({ minimum: 1, maximum: 200, example: 8 })
  @IsInt()
  @Min(1)
  @Max(200)
  sessionCount: number;

  @ApiProperty({ minimum: 1, maximum: 1440, example: 150 })
  @IsInt()
  @Min(1)
  @Max(1440)
  sessionMinutes: number;

  @ApiProperty({ minimum: 1, example: 7, description: 'at most sessionCount' })
  @IsInt()
  @Min(1)
  @Max(200)
  completionMinSessions: number;

  @ApiPropertyOptional({ example: 24 })
  @IsOptional()
  @IsDecimal(2)
  @Min(0.25)
  @Max(1000)
  ceHours?: number;

  @ApiPropertyOptional({ example: 'Approved by the APA for 24 CE hours' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  ceAccreditor?: string;
}

export class ListCoursesQuery extends PageQuery {
  @ApiPropertyOptional({ enum: FORMATS })
  @IsOptional()
  @IsIn(FORMATS)
  format?: CourseFormat;

  @ApiPropertyOptional({
    enum: ['active', 'retired', 'all'],
    default: 'active',
    description: 'Which courses: the active ones (the default), the retired ones, or all',
  })
  @IsOptional()
  @IsIn(['active', 'retired', 'all'], { message: 'status must be one of: active, retired, all' })
  status?: 'active' | 'retired' | 'all';

  @ApiPropertyOptional({
    enum: ['retired'],
    description: 'include=retired lists the retired courses too (as status=all)',
  })
  @IsOptional()
  @IsIn(['retired'], { message: 'include must be: retired' })
  include?: 'retired';
}

export class UpdateCourseDto {
  @ApiPropertyOptional({ example: 'MSC-8W-2027' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/, {
    message: 'code must be 1-40 letters, digits, dots, dashes or underscores',
  })
  code?: string;

  @ApiPropertyOptional({ example: 'Mindful Self-Compassion (8 weeks)' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  title?: string;

  @ApiPropertyOptional({ enum: FORMATS, description: 'Fixed once the course has a cohort (409)' })
  @IsOptional()
  @IsIn(FORMATS, { message: `format must be one of: ${FORMATS.join(', ')}` })
  format?: CourseFormat;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: 200,
    description: 'Fixed once the course has a cohort (409)',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(200)
  sessionCount?: number;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: 1440,
    description: 'Fixed once a cohort of the course has sessions (409)',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1440)
  sessionMinutes?: number;

  @ApiPropertyOptional({
    minimum: 1,
    description:
      'At most sessionCount; completions already recorded stay, cohorts not completed yet complete by the new minimum',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(200)
  completionMinSessions?: number;

  @ApiPropertyOptional({ nullable: true, type: Number, description: 'null clears it' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsDecimal(2)
  @Min(0.25)
  @Max(1000)
  ceHours?: number | null;

  @ApiPropertyOptional({ nullable: true, type: String, description: 'null clears it' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(500)
  ceAccreditor?: string | null;
}

export class RetireCourseDto {
  @ApiPropertyOptional({ example: 'Replaced by MSC-8W-2028', maxLength: 1000 })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  reason?: string;
}
