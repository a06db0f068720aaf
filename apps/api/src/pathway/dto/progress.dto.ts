import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { RequirementKind } from '@msc/domain/pathway';

/** OpenAPI shapes of GET /me/progress (documentation only; the service builds the body). */
export class RequirementProgressDto {
  @ApiProperty() key: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: RequirementKind }) kind: RequirementKind;
  @ApiProperty() met: boolean;
  @ApiProperty({ description: 'What counts so far, never shown above need' }) have: number;
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

export class NextActionDto {
  @ApiProperty({ description: 'The same sentence as the matching entry of nextSteps' })
  text: string;
  @ApiProperty({ enum: RequirementKind, description: 'The kind of requirement the step meets' })
  kind: RequirementKind;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'The web app page where the step is done (`/cohorts`, `/practice`, …), or null',
    example: '/cohorts',
  })
  target: string | null;
}

export class ProgressDto {
  @ApiProperty() traineeId: string;
  @ApiProperty({ type: PathwayRefDto }) pathway: PathwayRefDto;
  @ApiPropertyOptional({ nullable: true, type: String }) currentStage: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) designation: string | null;
  @ApiProperty({ minimum: 0, maximum: 100 }) percentComplete: number;
  @ApiProperty({ type: [StageProgressDto] }) stages: StageProgressDto[];
  @ApiProperty({ type: [String] }) nextSteps: string[];
  @ApiProperty({
    type: [NextActionDto],
    description: 'nextSteps, in order, with where each is done',
  })
  nextActions: NextActionDto[];
  @ApiProperty() evaluatedAt: string;
}
