import { Module } from '@nestjs/common';
import { CeCreditsService } from './ce-credits.service.js';

export const ceCreditsEntities = [];

@Module({
  providers: [CeCreditsService],
  exports: [CeCreditsService],
})
export class CeCreditsModule {}
