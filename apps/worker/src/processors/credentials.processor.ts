import { Processor } from '@nestjs/bullmq';
import { AppConfig } from '@msc/config';
import { CredentialsService } from '@msc/domain/credentials';
import { JobName, QueueName } from '@msc/queue';
import { type JobHandlers, QueueProcessor } from '../queue-processor.js';

@Processor(QueueName.Credentials)
export class CredentialsProcessor extends QueueProcessor<QueueName.Credentials> {
  readonly queue = QueueName.Credentials;
  readonly handlers: JobHandlers<QueueName.Credentials> = {
    [JobName.IssueCredential]: (data) => this.credentials.issue(data.designationId),
  };

  constructor(
    config: AppConfig,
    private readonly credentials: CredentialsService,
  ) {
    super(config);
  }
}
