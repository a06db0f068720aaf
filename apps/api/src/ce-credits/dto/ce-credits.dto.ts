import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
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

/** The query of a signed link: both parts are checked against the path, nothing else is accepted. */
export class SignedLinkQuery {
  @ApiProperty({ description: 'Unix seconds after which the link no longer opens' })
  @IsString()
  @MaxLength(20)
  expires: string;

  @ApiProperty({ description: 'HMAC-SHA256 (base64url) over the path and expires' })
  @IsString()
  @MaxLength(100)
  signature: string;
}
