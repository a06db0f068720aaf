import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  PracticumSessionKind,
  RUBRIC_DOMAINS,
  RUBRIC_LEVELS,
  type RubricLevel,
} from '@msc/domain/practicum';
import { PageQuery } from '../../common/pagination.dto.js';
import { IsDecimal, IsInstant } from '../../common/validators.js';

export class CreatePracticumDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  traineeId: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  mentorId: string;
}

export class LogSessionDto {
  @ApiProperty({ enum: PracticumSessionKind })
  @IsIn(Object.values(PracticumSessionKind), {
    message: `kind must be one of: ${Object.values(PracticumSessionKind).join(', ')}`,
  })
  kind: PracticumSessionKind;

  @ApiProperty({
    example: '2027-03-15T18:00:00.000Z',
    description: 'When it was held; not in the future',
  })
  @IsInstant()
  heldAt: string;

  @ApiProperty({ minimum: 15, maximum: 480 })
  @IsInt()
  @Min(15)
  @Max(480)
  minutes: number;
}

export class ListSessionsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: PracticumSessionKind })
  @IsOptional()
  @IsIn(Object.values(PracticumSessionKind))
  kind?: PracticumSessionKind;
}

/** The multipart fields of a recording upload (the file travels beside them). */
export class RecordingFieldsDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  cohortId: string;

  @ApiProperty({ minimum: 1 })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  sessionNumber: number;

  @ApiProperty({ enum: ['true'], description: 'Everyone recorded consented to the recording' })
  @IsIn(['true'], {
    message: 'consentConfirmed must be true: everyone recorded must have consented',
  })
  consentConfirmed: string;
}

/** One property per configured rubric domain, each one of the configured levels. */
export class RubricScoresDto {}
for (const domain of RUBRIC_DOMAINS) {
  ApiProperty({ enum: RUBRIC_LEVELS })(RubricScoresDto.prototype, domain);
  IsIn(RUBRIC_LEVELS, {
    message: `${domain} must be one of: ${RUBRIC_LEVELS.join(', ')}`,
  })(RubricScoresDto.prototype, domain);
}

export class ReviewCommentDto {
  @ApiProperty({ minimum: 0, description: 'Seconds from the start of the recording' })
  @IsDecimal(3)
  @Min(0)
  atSeconds: number;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  text: string;
}

export class SubmitReviewDto {
  @ApiProperty({ type: RubricScoresDto })
  @IsObject()
  @ValidateNested()
  @Type(() => RubricScoresDto)
  scores: Record<string, RubricLevel>;

  @ApiProperty({ type: [ReviewCommentDto] })
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => ReviewCommentDto)
  comments: ReviewCommentDto[];

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(20000)
  summary: string;
}

export class MyReviewsQuery extends PageQuery {
  @ApiPropertyOptional({
    enum: ['pending', 'done', 'completed'],
    default: 'pending',
    description:
      '`pending`: awaiting the review, overdue first then by due date; `done` (or `completed`): reviewed, latest first',
  })
  @IsOptional()
  @IsIn(['pending', 'done', 'completed'], {
    message: 'status must be one of: pending, done',
  })
  status: 'pending' | 'done' | 'completed' = 'pending';
}
