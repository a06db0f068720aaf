import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import {
  ALL_DESIGNATIONS,
  type CertificationRequestStatus,
  Designation,
} from '@msc/domain/credentials';
import { PageQuery } from '../../common/pagination.dto.js';

const REQUEST_STATUSES: CertificationRequestStatus[] = [
  'pending_review',
  'approved',
  'rejected',
  'revoked',
];

export class RequestCertificationDto {
  @ApiProperty({ enum: Designation })
  @IsIn(ALL_DESIGNATIONS, { message: `designation must be one of: ${ALL_DESIGNATIONS.join(', ')}` })
  designation: Designation;
}

export class DecideCertificationDto {
  @ApiProperty({ enum: ['approved', 'rejected'] })
  @IsIn(['approved', 'rejected'], { message: 'decision must be approved or rejected' })
  decision: 'approved' | 'rejected';

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class ListCertificationsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: REQUEST_STATUSES })
  @IsOptional()
  @IsIn(REQUEST_STATUSES, { message: `status must be one of: ${REQUEST_STATUSES.join(', ')}` })
  status?: CertificationRequestStatus;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  traineeId?: string;
}

export class StatusReasonDto {
  @ApiProperty({ maxLength: 2000 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason: string;
}

export class OptionalReasonDto {
  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}
