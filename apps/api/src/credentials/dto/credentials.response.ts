import { ApiProperty } from '@nestjs/swagger';
import { Designation } from '@msc/domain/credentials';

export class CredentialSummaryResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: Designation }) designation: Designation;
  @ApiProperty({ example: 'Trained MSC Teacher' }) achievement: string;
  @ApiProperty({ enum: ['active', 'suspended', 'revoked'] }) status: string;
  @ApiProperty({ format: 'date-time' }) issuedAt: string;
  @ApiProperty({
    format: 'uri',
    description: 'The public verification page (PUBLIC_BASE_URL/verify/<id>)',
  })
  verificationUrl: string;
  @ApiProperty({
    format: 'uri',
    description: 'The PDF certificate; opens without an Authorization header (signed, expiring)',
  })
  pdfUrl: string;
  @ApiProperty({ format: 'date-time', description: 'When pdfUrl stops opening' })
  pdfUrlExpiresAt: string;
  @ApiProperty({
    format: 'uri',
    description:
      "LinkedIn's add-certification link, with certUrl = verificationUrl and certId = id",
  })
  linkedInUrl: string;
}

export class CredentialListResponse {
  @ApiProperty({ type: [CredentialSummaryResponse] }) items: CredentialSummaryResponse[];
}

export class AdminCredentialResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) holderId: string;
  @ApiProperty({ description: "The holder's name as signed into the credential" })
  holderName: string;
  @ApiProperty({ format: 'email' }) holderEmail: string;
  @ApiProperty({ enum: Designation }) designation: Designation;
  @ApiProperty({ example: 'Trained MSC Teacher' }) achievement: string;
  @ApiProperty({ enum: ['active', 'suspended', 'revoked'] }) status: string;
  @ApiProperty({ format: 'date-time' }) issuedAt: string;
  @ApiProperty({
    format: 'date-time',
    nullable: true,
    type: String,
    description: 'When it was revoked; null unless revoked',
  })
  revokedAt: string | null;
  @ApiProperty({
    format: 'date-time',
    nullable: true,
    type: String,
    description: 'When it was suspended; null unless suspended',
  })
  suspendedAt: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'Why it was revoked or suspended; null while active',
  })
  reason: string | null;
  @ApiProperty({ format: 'uri', description: 'The public verification page' })
  verificationUrl: string;
}

export class AdminCredentialListResponse {
  @ApiProperty({ type: [AdminCredentialResponse] }) items: AdminCredentialResponse[];
  @ApiProperty() total: number;
}

export class IssuerProfileResponse {
  @ApiProperty({ format: 'uri' }) id: string;
  @ApiProperty() name: string;
}

export class CredentialVerificationResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: 'Active and correctly signed' }) valid: boolean;
  @ApiProperty() signatureValid: boolean;
  @ApiProperty({ enum: ['active', 'suspended', 'revoked'] }) status: string;
  @ApiProperty({ enum: Designation }) designation: Designation;
  @ApiProperty() achievement: string;
  @ApiProperty() holderName: string;
  @ApiProperty({ format: 'date-time' }) issuedAt: string;
  @ApiProperty({ type: IssuerProfileResponse }) issuer: IssuerProfileResponse;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) statusChangedAt:
    string | null;
}

export class JwkResponse {
  @ApiProperty() kty: string;
  @ApiProperty() crv: string;
  @ApiProperty() x: string;
  @ApiProperty() kid: string;
  @ApiProperty({ required: false }) alg?: string;
  @ApiProperty({ required: false }) use?: string;
}

export class JwksResponse {
  @ApiProperty({ type: [JwkResponse] }) keys: JwkResponse[];
}
