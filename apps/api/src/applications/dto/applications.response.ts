import { ApiProperty } from '@nestjs/swagger';
import {
  ApplicationKind,
  ApplicationStatus,
  AttestationKind,
  AttestationStatus,
} from '@msc/domain/applications';

export class ApplicationResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) traineeId: string;
  @ApiProperty({ enum: ApplicationKind }) kind: ApplicationKind;
  @ApiProperty({ enum: ApplicationStatus }) status: ApplicationStatus;
  @ApiProperty() statement: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) decidedAt: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) decidedBy: string | null;
  @ApiProperty({ nullable: true, type: String }) decisionNote: string | null;
}

export class ApplicationListResponse {
  @ApiProperty({ type: [ApplicationResponse] }) items: ApplicationResponse[];
  @ApiProperty() total: number;
}

export class AdminApplicationResponse extends ApplicationResponse {
  @ApiProperty() traineeName: string;
  @ApiProperty({
    nullable: true,
    type: String,
    description: "The deciding admin's display name; null while undecided",
  })
  decidedByName: string | null;
}

export class AdminApplicationListResponse {
  @ApiProperty({ type: [AdminApplicationResponse] }) items: AdminApplicationResponse[];
  @ApiProperty() total: number;
}

export class EvidenceResponse {
  @ApiProperty({ example: 'application/pdf' }) contentType: string;
  @ApiProperty({ description: 'Bytes' }) size: number;
  @ApiProperty() sha256: string;
  @ApiProperty({ nullable: true, type: String }) fileName: string | null;
}

export class AttestationResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) traineeId: string;
  @ApiProperty({ enum: AttestationKind }) kind: AttestationKind;
  @ApiProperty({ enum: AttestationStatus }) status: AttestationStatus;
  @ApiProperty() statement: string;
  @ApiProperty({
    type: EvidenceResponse,
    nullable: true,
    description: 'The uploaded file; GET /attestations/{id}/evidence serves it',
  })
  evidence: EvidenceResponse | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) decidedAt: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) decidedBy: string | null;
  @ApiProperty({ nullable: true, type: String }) decisionNote: string | null;
}

export class AttestationListResponse {
  @ApiProperty({ type: [AttestationResponse] }) items: AttestationResponse[];
  @ApiProperty() total: number;
}

export class AdminAttestationResponse extends AttestationResponse {
  @ApiProperty() traineeName: string;
  @ApiProperty({
    nullable: true,
    type: String,
    description: "The deciding admin's display name; null while undecided",
  })
  decidedByName: string | null;
}

export class AdminAttestationListResponse {
  @ApiProperty({ type: [AdminAttestationResponse] }) items: AdminAttestationResponse[];
  @ApiProperty() total: number;
}
