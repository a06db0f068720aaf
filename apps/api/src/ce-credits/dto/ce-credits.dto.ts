import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { PageQuery } from '../../common/pagination.dto.js';

export class ListCeCreditsQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  cohortId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  userId?: string;
}

export class IssueCeCreditsDto {
  @ApiProperty({ format: 'uuid', description: 'The completed cohort to issue CE credits for' })
  @IsUUID()
  cohortId: string;
}
