import { Module, type OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@msc/domain/audit';
import { CourseReadsModule } from '@msc/domain/courses';
import { NotificationsModule } from '@msc/domain/notifications';
import { EvaluatorRegistry, PathwayModule, ProgressViewers } from '@msc/domain/pathway';
import { UndoneWork } from '@msc/queue';
import { BlobReferences, StorageModule } from '@msc/storage';
import { MentorReview, ReviewComment } from './mentor-review.entity.js';
import { RecordingContentService } from './recording-content.service.js';
import { RecordingProbeService } from './recording-probe.service.js';
import { RecordingSubmissionService } from './recording-submission.service.js';
import { RecordingUpload, RecordingUploadPart } from './recording-upload.entity.js';
import { RecordingUploadsRepository } from './recording-uploads.repository.js';
import { RecordingUploadsService } from './recording-uploads.service.js';
import { RecordingViewsService } from './recording-views.service.js';
import {
  CoursesTaughtEvaluator,
  RecordingsApprovedEvaluator,
  SessionsLoggedEvaluator,
} from './practicum.evaluators.js';
import { Practicum } from './practicum.entity.js';
import { PracticumSession } from './practicum-session.entity.js';
import { PracticumService } from './practicum.service.js';
import { PracticumsRepository } from './practicums.repository.js';
import { RecordingsRepository } from './recordings.repository.js';
import { ReviewAssignmentService } from './review-assignment.service.js';
import { ReviewsRepository } from './reviews.repository.js';
import { ReviewsService } from './reviews.service.js';
import { TeachingEvidenceRepository } from './teaching-evidence.repository.js';
import { TeachingRecording } from './teaching-recording.entity.js';
import { UndoneRecordings } from './undone-recordings.js';

export const practicumEntities = [
  Practicum,
  PracticumSession,
  TeachingRecording,
  MentorReview,
  ReviewComment,
  RecordingUpload,
  RecordingUploadPart,
];

/** The use cases, what the API and the worker call. */
const useCases = [
  PracticumService,
  RecordingSubmissionService,
  RecordingProbeService,
  ReviewAssignmentService,
  RecordingViewsService,
  RecordingContentService,
  RecordingUploadsService,
  ReviewsService,
];

/**
 * Practicums, their session ledger, teaching recordings and reviews; judges the `courses_taught`,
 * `sessions_logged` and `recordings_approved` requirements and lets mentors see their trainees' progress.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature(practicumEntities),
    AuditModule,
    CourseReadsModule,
    NotificationsModule,
    PathwayModule,
    StorageModule,
  ],
  providers: [
    ...useCases,
    PracticumsRepository,
    RecordingUploadsRepository,
    RecordingsRepository,
    ReviewsRepository,
    TeachingEvidenceRepository,
    CoursesTaughtEvaluator,
    SessionsLoggedEvaluator,
    RecordingsApprovedEvaluator,
    UndoneRecordings,
  ],
  exports: useCases,
})
export class PracticumModule implements OnModuleInit {
  constructor(
    private readonly registry: EvaluatorRegistry,
    private readonly viewers: ProgressViewers,
    private readonly practicums: PracticumService,
    private readonly coursesTaught: CoursesTaughtEvaluator,
    private readonly sessionsLogged: SessionsLoggedEvaluator,
    private readonly recordingsApproved: RecordingsApprovedEvaluator,
    private readonly blobReferences: BlobReferences,
    private readonly recordings: RecordingsRepository,
    private readonly undoneWork: UndoneWork,
    private readonly undoneRecordings: UndoneRecordings,
  ) {}

  onModuleInit(): void {
    this.registry.register(this.coursesTaught);
    this.registry.register(this.sessionsLogged);
    this.registry.register(this.recordingsApproved);
    this.viewers.register((viewerId, traineeId) => this.practicums.isMentorOf(viewerId, traineeId));
    // Upload parts (prefix recording-uploads) stay unswept, as before: purgeExpired removes them.
    this.blobReferences.register({
      prefix: 'recordings',
      unreferenced: (keys) => this.recordings.unreferencedStorageKeys(keys),
    });
    this.undoneWork.register(this.undoneRecordings);
  }
}
