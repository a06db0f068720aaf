import { Module, type OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EvaluatorRegistry, PathwayModule } from '@msc/domain/pathway';
import { PracticeDaysEvaluator } from './practice-days.evaluator.js';
import { PracticeLog } from './practice-log.entity.js';
import { PracticeLogsRepository } from './practice-logs.repository.js';
import { PracticeService } from './practice.service.js';

export const practiceEntities = [PracticeLog];

/** The personal practice log, and the `practice_days` requirement it judges. */
@Module({
  imports: [TypeOrmModule.forFeature(practiceEntities), PathwayModule],
  providers: [PracticeService, PracticeLogsRepository, PracticeDaysEvaluator],
  exports: [PracticeService],
})
export class PracticeModule implements OnModuleInit {
  constructor(
    private readonly registry: EvaluatorRegistry,
    private readonly practiceDays: PracticeDaysEvaluator,
  ) {}

  onModuleInit(): void {
    this.registry.register(this.practiceDays);
  }
}
