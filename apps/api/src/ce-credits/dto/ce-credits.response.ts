import { ApiProperty } from '@nestjs/swagger';

export class CeCreditResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) cohortId: string;
  @ApiProperty({ format: 'uuid' }) courseId: string;
  @ApiProperty() courseCode: string;
  @ApiProperty() courseTitle: string;
  @ApiProperty({ example: 21 }) hours: number;
  @ApiProperty({ example: 'MSC-CE-2027-000123' }) certificateNumber: string;
  @ApiProperty({ format: 'date-time' }) issuedAt: string;
  @ApiProperty({
    format: 'uri',
    description:
      'Opens the certificate PDF without an Authorization header (signed, expiring; an altered one is refused)',
  })
  certificateUrl: string;
  @ApiProperty({ format: 'date-time', description: 'When certificateUrl stops opening' })
  certificateUrlExpiresAt: string;
}

export class CeCreditListResponse {
  @ApiProperty({ type: [CeCreditResponse] }) items: CeCreditResponse[];
  @ApiProperty() total: number;
}

export class AdminCeCreditResponse extends CeCreditResponse {
  @ApiProperty({ format: 'uuid', description: 'The holder' }) userId: string;
  @ApiProperty({ description: "The holder's name as printed on the certificate" })
  holderName: string;
  @ApiProperty({ nullable: true, type: String, description: 'As given at enrollment' })
  licenseNumber: string | null;
}

export class AdminCeCreditListResponse {
  @ApiProperty({ type: [AdminCeCreditResponse] }) items: AdminCeCreditResponse[];
  @ApiProperty() total: number;
}

export class CeIssuanceResponse {
  @ApiProperty({ format: 'uuid' }) cohortId: string;
  @ApiProperty({ enum: ['queued'] }) status: 'queued';
}
