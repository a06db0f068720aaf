import { ApiProperty } from '@nestjs/swagger';
import {
  PracticumSessionKind,
  PracticumStatus,
  RecordingStatus,
  ReviewOutcome,
  RUBRIC_DOMAINS,
  RUBRIC_LEVELS,
} from '@msc/domain/practicum';
import { RecordingSummaryFields } from './practicum-views.response.js';

export class PracticumResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) traineeId: string;
  @ApiProperty({ format: 'uuid' }) mentorId: string;
  @ApiProperty({ enum: PracticumStatus }) status: PracticumStatus;
  @ApiProperty() traineeName: string;
  @ApiProperty() mentorName: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) closedAt: string | null;
  @ApiProperty({ description: 'Consultation sessions logged' }) consultationCount: number;
  @ApiProperty() consultationMinutes: number;
  @ApiProperty({ description: 'Mentoring sessions logged' }) mentoringCount: number;
  @ApiProperty() mentoringMinutes: number;
  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  lastSessionAt: string | null;
  @ApiProperty({ description: 'Teaching recordings uploaded' }) recordingCount: number;
  @ApiProperty() awaitingReviewCount: number;
  @ApiProperty({ description: 'Recordings whose latest review is `competent`' })
  competentRecordingCount: number;
}

export class PracticumListResponse {
  @ApiProperty({ type: [PracticumResponse] }) items: PracticumResponse[];
  @ApiProperty() total: number;
}

export class MyPracticumResponse extends PracticumResponse {
  @ApiProperty({ enum: ['trainee', 'mentor'], description: 'What the caller is in it' })
  role: string;
}

export class MyPracticumListResponse {
  @ApiProperty({ type: [MyPracticumResponse] }) items: MyPracticumResponse[];
  @ApiProperty() total: number;
}

export class PracticumSessionResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) practicumId: string;
  @ApiProperty({ enum: PracticumSessionKind }) kind: PracticumSessionKind;
  @ApiProperty({ format: 'date-time' }) heldAt: string;
  @ApiProperty() minutes: number;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) loggedBy: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class PracticumSessionListResponse {
  @ApiProperty({ type: [PracticumSessionResponse] }) items: PracticumSessionResponse[];
  @ApiProperty() total: number;
}

export class RecordingAcceptedResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: RecordingStatus, example: RecordingStatus.Processing })
  status: RecordingStatus;
}

export class ReviewCommentResponse {
  @ApiProperty({ description: 'Seconds from the start of the recording' }) atSeconds: number;
  @ApiProperty() text: string;
}

export class RubricScoresResponse {}
for (const domain of RUBRIC_DOMAINS) {
  ApiProperty({ enum: RUBRIC_LEVELS })(RubricScoresResponse.prototype, domain);
}

export class ReviewResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) reviewerId: string;
  @ApiProperty({ nullable: true, type: String }) reviewerName: string | null;
  @ApiProperty({ enum: ReviewOutcome }) outcome: string;
  @ApiProperty({ type: RubricScoresResponse, description: 'A level per rubric domain' })
  scores: Record<string, string>;
  @ApiProperty() summary: string;
  @ApiProperty({ type: [ReviewCommentResponse], description: 'By time in the recording' })
  comments: ReviewCommentResponse[];
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class RecordingResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) practicumId: string;
  @ApiProperty({ format: 'uuid' }) traineeId: string;
  @ApiProperty({ format: 'uuid' }) cohortId: string;
  @ApiProperty() sessionNumber: number;
  @ApiProperty({ enum: RecordingStatus }) status: RecordingStatus;
  @ApiProperty({ example: 'video/mp4' }) mediaType: string;
  @ApiProperty({ nullable: true, type: String }) container: string | null;
  @ApiProperty({ nullable: true, type: Number }) durationSeconds: number | null;
  @ApiProperty({ description: 'Bytes' }) size: number;
  @ApiProperty() sha256: string;
  @ApiProperty({ nullable: true, type: String }) rejectionReason: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) reviewerId: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) reviewAssignedAt:
    string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) reviewDueAt: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) reviewedAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: ReviewResponse, nullable: true, description: 'The review that counts' })
  review: ReviewResponse | null;
  @ApiProperty() traineeName: string;
  @ApiProperty() cohortTitle: string;
  @ApiProperty({ format: 'uuid' }) courseId: string;
  @ApiProperty() courseTitle: string;
  @ApiProperty({
    format: 'date-time',
    nullable: true,
    type: String,
    description: 'When the recorded session was held',
  })
  sessionStartsAt: string | null;
  @ApiProperty({ example: 'video/mp4', description: 'The media type the content is served as' })
  contentType: string;
  @ApiProperty({ nullable: true, type: String, description: 'The uploaded file name' })
  filename: string | null;
  @ApiProperty({ nullable: true, type: String }) reviewerName: string | null;
  @ApiProperty({ description: 'Awaiting review past its due date' }) overdue: boolean;
}

export class ReviewSubmittedResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({
    enum: ReviewOutcome,
    description: '`competent` when every domain is at least competent',
  })
  outcome: ReviewOutcome;
}

/** An assignment of the mentor's review queue: the recording's summary under the contract's names. */
export class ReviewAssignmentResponse extends RecordingSummaryFields {
  @ApiProperty({ format: 'uuid', description: 'The recording (as `id`)' }) recordingId: string;
  @ApiProperty({ format: 'date-time' }) assignedAt: string;
  @ApiProperty({ format: 'date-time' }) dueAt: string;
}

export class ReviewAssignmentListResponse {
  @ApiProperty({ type: [ReviewAssignmentResponse] }) items: ReviewAssignmentResponse[];
  @ApiProperty() total: number;
}
