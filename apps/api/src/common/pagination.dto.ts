import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** The largest offset a list accepts: an exact integer, far beyond any real list. */
export const MAX_OFFSET = Number.MAX_SAFE_INTEGER;

export class PageQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit: number = 50;

  @ApiPropertyOptional({ minimum: 0, maximum: MAX_OFFSET, default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  // Past this the number no longer fits PostgreSQL's OFFSET (a bigint): a 400, not a 500.
  @Max(MAX_OFFSET)
  offset: number = 0;
}
