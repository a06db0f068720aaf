import { Processor } from '@nestjs/bullmq';
import { AppConfig } from '@msc/config';
import { CompletionService, EnrollmentsService, SchedulingService } from '@msc/domain/courses';
import { JobName, QueueName } from '@msc/queue';
import { type JobHandlers, QueueProcessor } from '../queue-processor.js';

@Processor(QueueName.Scheduling)
export class SchedulingProcessor extends QueueProcessor<QueueName.Scheduling> {
  readonly queue = QueueName.Scheduling;
  readonly handlers: JobHandlers<QueueName.Scheduling> = {
    [JobName.GenerateCohortSessions]: (data) => this.scheduling.generateSessions(data.cohortId),
    [JobName.SendSessionReminder]: (data) => this.scheduling.sendReminder(data),
    [JobName.PromoteWaitlist]: (data) => this.enrollments.promoteWaitlist(data.cohortId),
    [JobName.CompleteCohort]: (data) => this.completion.complete(data),
  };

  constructor(
    config: AppConfig,
    private readonly scheduling: SchedulingService,
    private readonly enrollments: EnrollmentsService,
    private readonly completion: CompletionService,
  ) {
    super(config);
  }
}
