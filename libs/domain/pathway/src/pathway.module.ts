import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@msc/domain/audit';
import { EvaluatorRegistry } from './evaluator-registry.js';
import { PathwayVersion } from './pathway-version.entity.js';
import { PathwayVersionsRepository } from './pathway-versions.repository.js';
import { PathwayVersionsService } from './pathway-versions.service.js';
import { ProgressViewers } from './progress-viewers.js';
import { ProgressService } from './progress.service.js';
import { TraineePathway } from './trainee-pathway.entity.js';

export const pathwayEntities = [PathwayVersion, TraineePathway];

/**
 * Pathway versions, the evaluator registry and progress. A static module is instantiated once
 * however many modules import it, so every context registering its evaluators (in its own
 * onModuleInit) fills the one EvaluatorRegistry the engine reads.
 */
@Module({
  imports: [TypeOrmModule.forFeature(pathwayEntities), AuditModule],
  providers: [
    EvaluatorRegistry,
    ProgressViewers,
    PathwayVersionsRepository,
    PathwayVersionsService,
    ProgressService,
  ],
  exports: [EvaluatorRegistry, ProgressViewers, ProgressService, PathwayVersionsService],
})
export class PathwayModule {}
