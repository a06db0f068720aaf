import { Processor } from '@nestjs/bullmq';
import { AppConfig } from '@msc/config';
import { CeCreditsService } from '@msc/domain/ce-credits';
import { JobName, QueueName } from '@msc/queue';
import { type JobHandlers, QueueProcessor } from '../queue-processor.js';

@Processor(QueueName.CeCredits)
export class CeCreditsProcessor extends QueueProcessor<QueueName.CeCredits> {
  readonly queue = QueueName.CeCredits;
  readonly handlers: JobHandlers<QueueName.CeCredits> = {
    [JobName.IssueCohortCeCredits]: (data, job) =>
      this.ceCredits.issueForCohort(data.cohortId, job.id),
    [JobName.IssueCeCreditChunk]: (data) => this.ceCredits.issueChunk(data),
  };

  constructor(
    config: AppConfig,
    private readonly ceCredits: CeCreditsService,
  ) {
    super(config);
  }
}
