import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { RequirementKind } from '@msc/domain/pathway';

export class RequirementDefinitionResponse {
  @ApiProperty() key: string;
  @ApiProperty({ enum: RequirementKind }) kind: RequirementKind;
  @ApiProperty() title: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'The parameters of the kind',
  })
  params: Record<string, unknown>;
}

export class StageDefinitionResponse {
  @ApiProperty() key: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: [RequirementDefinitionResponse] })
  requirements: RequirementDefinitionResponse[];
  @ApiPropertyOptional({ description: 'The designation completing the stage earns' })
  designation?: string;
}

export class PathwayVersionResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'msc-teacher' }) key: string;
  @ApiProperty() version: number;
  @ApiProperty() title: string;
  @ApiProperty({ type: [StageDefinitionResponse] }) stages: StageDefinitionResponse[];
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) publishedAt: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) createdBy: string | null;
  @ApiProperty({ description: 'Trainees pinned to this version' }) traineeCount: number;
}

export class PathwayVersionListResponse {
  @ApiProperty({ type: [PathwayVersionResponse] }) items: PathwayVersionResponse[];
  @ApiProperty() total: number;
}
