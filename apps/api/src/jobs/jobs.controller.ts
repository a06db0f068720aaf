import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { AuditLog } from '@msc/domain/audit';
import { type Actor, Role } from '@msc/kernel';
import {
  type FailedJobView,
  type JobItem,
  JobName,
  JobQueue,
  jobIdOf,
  QueueName,
} from '@msc/queue';
import { PageQuery } from '../common/pagination.dto.js';
import { ApiProblem } from '../http/api-problem.js';
import { CurrentUser } from '../http/current-user.decorator.js';
import { withinDeadline } from '../http/dependency-unavailable.js';
import { ApiProblems } from '../http/dto/problem.response.js';
import { Roles } from '../http/roles.decorator.js';
import {
  type FailedJobResponse,
  JobRetryResponse,
  JobsOverviewResponse,
  ReconcileRequestResponse,
} from './dto/jobs.response.js';

/** BullMQ waits for Redis without bound; an admin page answers 503 instead. */
const REDIS_DEADLINE_MS = 5000;

const QUEUES = Object.values(QueueName);

class JobsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: QueueName, description: 'Only this queue' })
  @IsOptional()
  @IsIn(QUEUES)
  queue?: QueueName;
}

const iso = (ms: number | null) => (ms ? new Date(ms).toISOString() : null);

function toResponse(job: FailedJobView): FailedJobResponse {
  return {
    queue: job.queue,
    id: job.id,
    name: job.name,
    failedReason: job.failedReason,
    attemptsMade: job.attemptsMade,
    createdAt: new Date(job.timestamp).toISOString(),
    processedAt: iso(job.processedOn),
    failedAt: iso(job.finishedOn),
  };
}

function queueOf(name: string): QueueName {
  if (!(QUEUES as string[]).includes(name))
    throw new ApiProblem(404, 'not-found', `No queue named ${name}`);
  return name as QueueName;
}

/** The background jobs, for admins: what waits, runs and failed, and a retry of a failed one. */
@ApiTags('admin')
@Controller('admin/jobs')
@Roles(Role.Admin)
export class JobsController {
  constructor(
    private readonly jobs: JobQueue,
    private readonly audit: AuditLog,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Counts of every queue and one page of the failed jobs',
    description:
      'Waiting, active, delayed, failed and completed counts per queue; the failed jobs newest ' +
      'first within a queue, with why they failed and how many attempts they made.',
  })
  @ApiOkResponse({ type: JobsOverviewResponse })
  @ApiProblems(400)
  async overview(@Query() query: JobsQuery): Promise<JobsOverviewResponse> {
    const [queues, failed] = await withinDeadline(
      Promise.all([this.jobs.counts(), this.jobs.failedJobs(query, query.queue)]),
      REDIS_DEADLINE_MS,
      'redis',
    );
    return { queues, items: failed.items.map(toResponse), total: failed.total };
  }

  @Post('reconcile')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Run the reconciler now',
    description:
      'Looks for work a lost job left undone (cohorts due for completion, CE credits, credentials, ' +
      'recordings) and enqueues it again, as the scheduled pass does every few minutes.',
  })
  @ApiAcceptedResponse({ type: ReconcileRequestResponse })
  async reconcile(@CurrentUser() actor: Actor): Promise<ReconcileRequestResponse> {
    const item: JobItem = {
      name: JobName.ReconcileBackgroundWork,
      data: { trigger: 'manual', requestedAt: new Date().toISOString() },
    };
    const job = await withinDeadline(this.jobs.enqueue(item), REDIS_DEADLINE_MS, 'redis');
    await this.audit.record({
      actorId: actor.id,
      action: 'jobs.reconcile_requested',
      subject: `job/${job.id ?? jobIdOf(item)}`,
    });
    return { jobId: job.id ?? jobIdOf(item), status: 'queued' };
  }

  @Post(':queue/:jobId/retry')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Retry a failed job',
    description:
      'Runs it again from its first attempt; 404 for an unknown job, 409 when not failed.',
  })
  @ApiOkResponse({ type: JobRetryResponse })
  @ApiProblems(400, 404, 409)
  async retry(
    @CurrentUser() actor: Actor,
    @Param('queue') queueName: string,
    @Param('jobId') jobId: string,
  ): Promise<JobRetryResponse> {
    const queue = queueOf(queueName);
    if (jobId.length > 300) throw new ApiProblem(404, 'not-found', 'No such job');
    const outcome = await withinDeadline(
      this.jobs.retryFailed(queue, jobId),
      REDIS_DEADLINE_MS,
      'redis',
    );
    if (outcome === 'not_found') throw new ApiProblem(404, 'not-found', 'No such job');
    if (outcome === 'not_failed')
      throw new ApiProblem(409, 'jobs/not-failed', 'Only a failed job can be retried');
    await this.audit.record({
      actorId: actor.id,
      action: 'jobs.retried',
      subject: `job/${queue}/${jobId}`,
    });
    return { queue, id: jobId, state: 'waiting' };
  }
}
