import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { ApplicationKind, ApplicationStatus } from '@msc/domain/applications';
import { PageQuery } from '../../common/pagination.dto.js';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class SubmitApplicationDto {
  @ApiProperty({ enum: ApplicationKind })
  @IsIn(Object.values(ApplicationKind), {
    message: `kind must be one of: ${Object.values(ApplicationKind).join(', ')}`,
  })
  kind: ApplicationKind;

  @ApiProperty({ minLength: 1, maxLength: 5000 })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(5000)
  statement: string;
}

export class ApplicationDecisionDto {
  @ApiProperty({ enum: ['approved', 'rejected'] })
  @IsIn(['approved', 'rejected'], { message: 'decision must be approved or rejected' })
  decision: 'approved' | 'rejected';

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class OwnApplicationsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ApplicationStatus })
  @IsOptional()
  @IsIn(Object.values(ApplicationStatus))
  status?: ApplicationStatus;
}

export class ApplicationsQuery extends OwnApplicationsQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  traineeId?: string;
}
