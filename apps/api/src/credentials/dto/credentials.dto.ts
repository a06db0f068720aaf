import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import {
  ALL_DESIGNATIONS,
  type CertificationRequestStatus,
  type CredentialStatus,
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

const CREDENTIAL_STATUSES: CredentialStatus[] = ['active', 'suspended', 'revoked'];

export class ListCredentialsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: CREDENTIAL_STATUSES })
  @IsOptional()
  @IsIn(CREDENTIAL_STATUSES, {
    message: `status must be one of: ${CREDENTIAL_STATUSES.join(', ')}`,
  })
  status?: CredentialStatus;

  @ApiPropertyOptional({ enum: Designation })
  @IsOptional()
  @IsIn(ALL_DESIGNATIONS, { message: `designation must be one of: ${ALL_DESIGNATIONS.join(', ')}` })
  designation?: Designation;

  @ApiPropertyOptional({
    description: "A part of the holder's name or e-mail",
    maxLength: 100,
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
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
