import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { PracticumStatus, RecordingStatus } from '@msc/domain/practicum';
import { PageQuery } from '../../common/pagination.dto.js';

export class MyRecordingsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: RecordingStatus })
  @IsOptional()
  @IsIn(Object.values(RecordingStatus), {
    message: `status must be one of: ${Object.values(RecordingStatus).join(', ')}`,
  })
  status?: RecordingStatus;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only the recordings of this practicum' })
  @IsOptional()
  @IsUUID()
  practicumId?: string;
}

export class MyPracticumsQuery extends PageQuery {
  @ApiPropertyOptional({
    enum: ['trainee', 'mentor'],
    description: 'Only those I am the trainee (or the mentor) of',
  })
  @IsOptional()
  @IsIn(['trainee', 'mentor'], { message: 'role must be one of: trainee, mentor' })
  role?: 'trainee' | 'mentor';

  @ApiPropertyOptional({ enum: PracticumStatus })
  @IsOptional()
  @IsIn(Object.values(PracticumStatus), {
    message: `status must be one of: ${Object.values(PracticumStatus).join(', ')}`,
  })
  status?: PracticumStatus;
}

export class ListPracticumsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: PracticumStatus })
  @IsOptional()
  @IsIn(Object.values(PracticumStatus), {
    message: `status must be one of: ${Object.values(PracticumStatus).join(', ')}`,
  })
  status?: PracticumStatus;

  @ApiPropertyOptional({
    description: "A part of the trainee's or the mentor's name or e-mail",
    maxLength: 100,
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  traineeId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  mentorId?: string;
}

export class ListRecordingsQuery extends MyRecordingsQuery {
  @ApiPropertyOptional({
    description: "A part of the trainee's or the reviewer's name or e-mail",
    maxLength: 100,
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  traineeId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  reviewerId?: string;

  @ApiPropertyOptional({
    enum: ['true', 'false'],
    description: 'Only reviews past their due date (oldest due first)',
  })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'overdue must be true or false' })
  overdue?: 'true' | 'false';
}

export class ChangeMentorDto {
  @ApiProperty({ format: 'uuid', description: 'A user with the mentor role, not the trainee' })
  @IsUUID()
  mentorId: string;
}

export class ReassignReviewerDto {
  @ApiProperty({
    format: 'uuid',
    description: 'A mentor who is not the trainee and does not teach the recorded cohort',
  })
  @IsUUID()
  reviewerId: string;
}

export class CreateRecordingUploadDto {
  @ApiProperty({ minimum: 1, description: "The whole file's size in bytes" })
  @IsInt()
  @Min(1)
  size: number;

  @ApiPropertyOptional({
    example: 'video/mp4',
    description: "The browser's idea of the type; the bytes decide",
  })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  contentType?: string;

  @ApiPropertyOptional({ maxLength: 255 })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  filename?: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  cohortId: string;

  @ApiProperty({ minimum: 1 })
  @IsInt()
  @Min(1)
  @Max(1000)
  sessionNumber: number;

  @ApiProperty({ enum: [true], description: 'Everyone recorded consented to the recording' })
  @IsIn([true], {
    message: 'consentConfirmed must be true: everyone recorded must have consented',
  })
  consentConfirmed: boolean;
}
