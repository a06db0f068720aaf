import { ApiProperty } from '@nestjs/swagger';
import { RecordingStatus, ReviewOutcome } from '@msc/domain/practicum';

/** The fields a recording shows in a list, with names resolved; shared by the queue and the lists. */
export class RecordingSummaryFields {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) practicumId: string;
  @ApiProperty({ format: 'uuid' }) traineeId: string;
  @ApiProperty() traineeName: string;
  @ApiProperty({ format: 'uuid' }) cohortId: string;
  @ApiProperty() cohortTitle: string;
  @ApiProperty({ format: 'uuid' }) courseId: string;
  @ApiProperty() courseTitle: string;
  @ApiProperty({ description: 'The number of the recorded session in the cohort' })
  sessionNumber: number;
  @ApiProperty({
    format: 'date-time',
    nullable: true,
    type: String,
    description: 'When the recorded session was held',
  })
  sessionStartsAt: string | null;
  @ApiProperty({ enum: RecordingStatus }) status: RecordingStatus;
  @ApiProperty({ example: 'video/mp4', description: 'Decided from the bytes' }) contentType: string;
  @ApiProperty({ nullable: true, type: String, description: 'The uploaded file name' })
  filename: string | null;
  @ApiProperty({ description: 'Bytes' }) size: number;
  @ApiProperty({ nullable: true, type: Number }) durationSeconds: number | null;
  @ApiProperty({ nullable: true, type: String }) rejectionReason: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) reviewerId: string | null;
  @ApiProperty({ nullable: true, type: String }) reviewerName: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) reviewedAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ description: 'Awaiting review past its due date' }) overdue: boolean;
  @ApiProperty({
    enum: ReviewOutcome,
    nullable: true,
    description: "The latest review's outcome, once reviewed",
  })
  outcome: ReviewOutcome | null;
}

export class RecordingSummaryResponse extends RecordingSummaryFields {
  @ApiProperty({
    format: 'date-time',
    nullable: true,
    type: String,
    description: 'Given to the reviewer',
  })
  assignedAt: string | null;
  @ApiProperty({
    format: 'date-time',
    nullable: true,
    type: String,
    description: 'The review is due',
  })
  dueAt: string | null;
}

export class RecordingSummaryListResponse {
  @ApiProperty({ type: [RecordingSummaryResponse] }) items: RecordingSummaryResponse[];
  @ApiProperty() total: number;
}

export class ReviewCountsResponse {
  @ApiProperty({ description: 'Assigned to the mentor and awaiting their review' }) pending: number;
  @ApiProperty({ description: 'Of the pending ones, those past their due date' }) overdue: number;
  @ApiProperty({ description: 'Reviewed by the mentor' }) done: number;
}

export class RubricDomainResponse {
  @ApiProperty({ example: 'coverage_pacing', description: 'The key of `scores` in a review' })
  key: string;
  @ApiProperty({ example: 'Coverage and pacing' }) title: string;
  @ApiProperty() description: string;
}

export class RubricLevelResponse {
  @ApiProperty({ example: 'competent' }) key: string;
  @ApiProperty({ example: 'Competent' }) title: string;
  @ApiProperty() description: string;
  @ApiProperty({ description: 'Position in the order, 0 = lowest' }) rank: number;
  @ApiProperty({ description: 'At least the competent level' }) competent: boolean;
}

export class RubricResponse {
  @ApiProperty({ type: [RubricDomainResponse], description: 'In the order a review shows them' })
  domains: RubricDomainResponse[];
  @ApiProperty({ type: [RubricLevelResponse], description: 'Lowest first' })
  levels: RubricLevelResponse[];
  @ApiProperty({
    example: 'competent',
    description: 'A review is `competent` when every domain is at least this level',
  })
  competentLevel: string;
  @ApiProperty({ description: 'A review is due this many days after it was assigned' })
  reviewDueDays: number;
  @ApiProperty({ description: 'Recordings shorter than this are rejected' })
  minRecordingSeconds: number;
}

export class RecordingUploadResponse {
  @ApiProperty({ format: 'uuid' }) uploadId: string;
  @ApiProperty({ format: 'uuid' }) practicumId: string;
  @ApiProperty({ format: 'uuid' }) cohortId: string;
  @ApiProperty() sessionNumber: number;
  @ApiProperty({ description: "The whole file's size in bytes" }) size: number;
  @ApiProperty({ description: 'Bytes received: where the next chunk starts' }) offset: number;
  @ApiProperty({ description: 'Every byte received and the recording created' })
  complete: boolean;
  @ApiProperty({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'The recording, once complete (GET /recordings/:id)',
  })
  recordingId: string | null;
  @ApiProperty({ nullable: true, type: String }) filename: string | null;
  @ApiProperty({
    format: 'date-time',
    description: 'Without a chunk until then, the upload is purged',
  })
  expiresAt: string;
  @ApiProperty({ description: 'The most bytes one chunk may carry' }) chunkMaxBytes: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}
