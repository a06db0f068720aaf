import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { AttestationKind, AttestationStatus } from '@msc/domain/applications';
import { PageQuery } from '../../common/pagination.dto.js';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** The text fields of the multipart form (the file `evidence` is streamed apart). */
export class SubmitAttestationFields {
  @ApiProperty({ enum: AttestationKind })
  @IsIn(Object.values(AttestationKind), {
    message: `kind must be one of: ${Object.values(AttestationKind).join(', ')}`,
  })
  kind: AttestationKind;

  @ApiProperty({ minLength: 1, maxLength: 5000 })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(5000)
  statement: string;
}

/** The multipart form, as OpenAPI shows it. */
export class SubmitAttestationForm extends SubmitAttestationFields {
  @ApiProperty({
    type: 'string',
    format: 'binary',
    description: 'Required: PDF, PNG, JPEG, WebP or HEIC, judged by its bytes',
  })
  evidence: unknown;
}

export class AttestationDecisionDto {
  @ApiProperty({ enum: ['verified', 'rejected'] })
  @IsIn(['verified', 'rejected'], { message: 'decision must be verified or rejected' })
  decision: 'verified' | 'rejected';

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class OwnAttestationsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: AttestationStatus })
  @IsOptional()
  @IsIn(Object.values(AttestationStatus))
  status?: AttestationStatus;
}

export class AttestationsQuery extends OwnAttestationsQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  traineeId?: string;
}
