import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Designation } from '@msc/domain/credentials';

const CERTIFICATION_STATUSES = ['pending_review', 'approved', 'rejected', 'revoked'];

export class CertificationRequestedResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['pending_review'] }) status: string;
}

export class CertificationResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) traineeId: string;
  @ApiProperty() traineeName: string;
  @ApiProperty({ enum: Designation }) designation: Designation;
  @ApiProperty({ enum: CERTIFICATION_STATUSES }) status: string;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) decidedBy: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) decidedAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class CertificationListResponse {
  @ApiProperty({ type: [CertificationResponse] }) items: CertificationResponse[];
  @ApiProperty() total: number;
}

export class AdminCertificationResponse extends CertificationResponse {
  @ApiProperty({
    nullable: true,
    type: String,
    description: "The deciding admin's display name; null while undecided",
  })
  decidedByName: string | null;
}

export class AdminCertificationListResponse {
  @ApiProperty({ type: [AdminCertificationResponse] }) items: AdminCertificationResponse[];
  @ApiProperty() total: number;
}

export class CertificationDecisionResponse extends CertificationResponse {
  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'The designation record an approval created',
  })
  designationId?: string | null;
}
