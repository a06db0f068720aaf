import { ApiProperty } from '@nestjs/swagger';
import { QueueName } from '@msc/queue';

export class QueueCountsResponse {
  @ApiProperty({ enum: QueueName }) queue: QueueName;
  @ApiProperty({ description: 'Waiting to run (prioritized and waiting for children included)' })
  waiting: number;
  @ApiProperty({ description: 'Running now' }) active: number;
  @ApiProperty({ description: 'Planned for later, or waiting for a retry after a failed attempt' })
  delayed: number;
  @ApiProperty({ description: 'Used up their attempts; an admin may retry them' }) failed: number;
  @ApiProperty({ description: 'Completed and still kept (for a week)' }) completed: number;
}

export class FailedJobResponse {
  @ApiProperty({ enum: QueueName }) queue: QueueName;
  @ApiProperty({ example: 'cohort-complete.3f2c0c1e-….admin' }) id: string;
  @ApiProperty({ example: 'complete-cohort' }) name: string;
  @ApiProperty({ example: 'job stalled more than allowable limit' }) failedReason: string;
  @ApiProperty() attemptsMade: number;
  @ApiProperty({ format: 'date-time', description: 'When the job was added' }) createdAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  processedAt: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'When it failed' })
  failedAt: string | null;
}

export class JobsOverviewResponse {
  @ApiProperty({ type: [QueueCountsResponse] }) queues: QueueCountsResponse[];
  @ApiProperty({ type: [FailedJobResponse], description: 'One page of the failed jobs' })
  items: FailedJobResponse[];
  @ApiProperty({ description: 'Failed jobs in all (of the queue asked for)' }) total: number;
}

export class JobRetryResponse {
  @ApiProperty({ enum: QueueName }) queue: QueueName;
  @ApiProperty() id: string;
  @ApiProperty({ enum: ['waiting'] }) state: 'waiting';
}

export class ReconcileRequestResponse {
  @ApiProperty({ example: 'reconcile.manual.1796300000000' }) jobId: string;
  @ApiProperty({ enum: ['queued'] }) status: 'queued';
}
