import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { REDIS } from '@msc/queue';
import { Public } from '../http/public.decorator.js';
import { LivenessResponse, ReadinessResponse } from './dto/health.response.js';

interface Check {
  status: 'up' | 'down';
  latencyMs?: number;
  error?: string;
  warning?: string;
  maxmemoryPolicy?: string;
}

const withTimeout = <T>(promise: Promise<T>, ms: number) =>
  Promise.race([
    promise,
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms).unref(),
    ),
  ]);

@ApiTags('health')
@Controller('health')
@Public()
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  @Get('live')
  @ApiOperation({ summary: 'Liveness: 200 while the process runs' })
  @ApiOkResponse({ type: LivenessResponse })
  live() {
    return { status: 'up' };
  }

  @Get('ready')
  @ApiOperation({ summary: 'Readiness: 200 when PostgreSQL and Redis answer' })
  @ApiOkResponse({ type: ReadinessResponse })
  @ApiResponse({ status: 503, type: ReadinessResponse, description: 'A dependency is down' })
  async ready(@Res({ passthrough: true }) reply: FastifyReply) {
    const [postgres, redis] = await Promise.all([this.checkPostgres(), this.checkRedis()]);
    const up = postgres.status === 'up' && redis.status === 'up';
    reply.status(up ? 200 : 503);
    return { status: up ? 'up' : 'down', checks: { postgres, redis } };
  }

  private async checkPostgres(): Promise<Check> {
    const started = Date.now();
    try {
      await withTimeout(this.dataSource.query('SELECT 1'), 2000);
      return { status: 'up', latencyMs: Date.now() - started };
    } catch (error) {
      return { status: 'down', error: (error as Error).message };
    }
  }

  private async checkRedis(): Promise<Check> {
    const started = Date.now();
    try {
      await withTimeout(this.redis.ping(), 2000);
      const check: Check = { status: 'up', latencyMs: Date.now() - started };
      try {
        const [, policy] = (await withTimeout(
          this.redis.config('GET', 'maxmemory-policy'),
          1000,
        )) as string[];
        check.maxmemoryPolicy = policy;
        if (policy && policy !== 'noeviction') {
          check.warning = `maxmemory-policy is ${policy}; BullMQ needs noeviction or jobs may be lost`;
        }
      } catch {
        check.warning = 'could not read maxmemory-policy (CONFIG may be disabled)';
      }
      return check;
    } catch (error) {
      return { status: 'down', error: (error as Error).message };
    }
  }
}
