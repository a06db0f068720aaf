import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { PracticeKind } from '@msc/domain/courses';
import { PageQuery } from '../../common/pagination.dto.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_MESSAGE = (field: string) => `${field} must be a date as YYYY-MM-DD`;

export class LogPracticeDto {
  @ApiProperty({
    example: '2027-03-15',
    description:
      'The day of practice in your own time zone; not in the future, at most a year back',
  })
  @Matches(DATE, { message: DATE_MESSAGE('date') })
  @IsISO8601({ strict: true }, { message: 'date must be a real calendar date' })
  date: string;

  @ApiProperty({ minimum: 1, maximum: 1440, example: 30 })
  @IsInt()
  @Min(1)
  @Max(1440)
  minutes: number;

  @ApiProperty({ enum: PracticeKind })
  @IsIn(Object.values(PracticeKind), {
    message: `practice must be one of: ${Object.values(PracticeKind).join(', ')}`,
  })
  practice: PracticeKind;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class ListPracticeLogsQuery extends PageQuery {
  @ApiPropertyOptional({ example: '2027-01-01', description: 'First day, inclusive' })
  @IsOptional()
  @Matches(DATE, { message: DATE_MESSAGE('from') })
  @IsISO8601({ strict: true }, { message: 'from must be a real calendar date' })
  from?: string;

  @ApiPropertyOptional({ example: '2027-03-31', description: 'Last day, inclusive' })
  @IsOptional()
  @Matches(DATE, { message: DATE_MESSAGE('to') })
  @IsISO8601({ strict: true }, { message: 'to must be a real calendar date' })
  to?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  override limit: number = 100;
}
