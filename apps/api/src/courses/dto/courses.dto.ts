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
}
