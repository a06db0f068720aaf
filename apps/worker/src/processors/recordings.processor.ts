import { Processor } from '@nestjs/bullmq';
import { AppConfig } from '@msc/config';
import { RecordingsService } from '@msc/domain/practicum';
import { JobName, QueueName } from '@msc/queue';
import { type JobHandlers, QueueProcessor } from '../queue-processor.js';

@Processor(QueueName.Recordings)
export class RecordingsProcessor extends QueueProcessor<QueueName.Recordings> {
  readonly queue = QueueName.Recordings;
  readonly handlers: JobHandlers<QueueName.Recordings> = {
    [JobName.ProbeRecording]: (data) => this.recordings.probe(data.recordingId),
    [JobName.AssignRecordingReview]: (data) => this.recordings.assignReviewer(data.recordingId),
    [JobName.RecordingReviewReminder]: (data) =>
      this.recordings.remindReviewer(data.recordingId, data.reviewerId),
    [JobName.RecordingReviewEscalation]: (data) =>
      this.recordings.escalateReview(data.recordingId, data.reviewerId),
  };

  constructor(
    config: AppConfig,
    private readonly recordings: RecordingsService,
  ) {
    super(config);
  }
}
