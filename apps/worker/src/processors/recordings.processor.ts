import { Processor } from '@nestjs/bullmq';
import { AppConfig } from '@msc/config';
import { RecordingProbeService, ReviewAssignmentService } from '@msc/domain/practicum';
import { JobName, QueueName } from '@msc/queue';
import { type JobHandlers, QueueProcessor } from '../queue-processor.js';

@Processor(QueueName.Recordings)
export class RecordingsProcessor extends QueueProcessor<QueueName.Recordings> {
  readonly queue = QueueName.Recordings;
  readonly handlers: JobHandlers<QueueName.Recordings> = {
    [JobName.ProbeRecording]: (data) => this.probe.probe(data.recordingId),
    [JobName.AssignRecordingReview]: (data) =>
      this.reviewAssignment.assignReviewer(data.recordingId),
    [JobName.RecordingReviewReminder]: (data) =>
      this.reviewAssignment.remindReviewer(data.recordingId, data.reviewerId),
    [JobName.RecordingReviewEscalation]: (data) =>
      this.reviewAssignment.escalateReview(data.recordingId, data.reviewerId),
  };

  constructor(
    config: AppConfig,
    private readonly probe: RecordingProbeService,
    private readonly reviewAssignment: ReviewAssignmentService,
  ) {
    super(config);
  }
}
