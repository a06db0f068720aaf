import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { RequirementKind } from '@msc/domain/pathway';

/** OpenAPI shapes of GET /me/progress (documentation only; the service builds the body). */
export class RequirementProgressDto {
  @ApiProperty() key: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: RequirementKind }) kind: RequirementKind;
  @ApiProperty() met: boolean;
  @ApiProperty() have: number;
  @ApiProperty() need: number;
  @ApiProperty({ description: 'A human sentence' }) detail: string;
  @ApiPropertyOptional({ nullable: true, type: String }) metAt: string | null;
}

export class StageProgressDto {
  @ApiProperty() key: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: ['completed', 'in_progress', 'locked'] }) status: string;
  @ApiPropertyOptional({ nullable: true, type: String }) designation: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) completedAt: string | null;
  @ApiProperty({ type: [RequirementProgressDto] }) requirements: RequirementProgressDto[];
}

export class PathwayRefDto {
  @ApiProperty() key: string;
  @ApiProperty() version: number;
  @ApiProperty() title: string;
  @ApiProperty() startedAt: string;
}

export class ProgressDto {
  @ApiProperty() traineeId: string;
  @ApiProperty({ type: PathwayRefDto }) pathway: PathwayRefDto;
  @ApiPropertyOptional({ nullable: true, type: String }) currentStage: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) designation: string | null;
  @ApiProperty({ minimum: 0, maximum: 100 }) percentComplete: number;
  @ApiProperty({ type: [StageProgressDto] }) stages: StageProgressDto[];
  @ApiProperty({ type: [String] }) nextSteps: string[];
  @ApiProperty() evaluatedAt: string;
}
