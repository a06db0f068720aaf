import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class LivenessResponse {
  @ApiProperty({ enum: ['up'] }) status: string;
}

export class DependencyCheckResponse {
  @ApiProperty({ enum: ['up', 'down'] }) status: string;
  @ApiPropertyOptional() latencyMs?: number;
  @ApiPropertyOptional({ description: 'Why it is down' }) error?: string;
  @ApiPropertyOptional({ description: 'Up, but configured in a way that may lose jobs' })
  warning?: string;
  @ApiPropertyOptional({ description: "Redis's maxmemory-policy" }) maxmemoryPolicy?: string;
}

export class DependencyChecksResponse {
  @ApiProperty({ type: DependencyCheckResponse }) postgres: DependencyCheckResponse;
  @ApiProperty({ type: DependencyCheckResponse }) redis: DependencyCheckResponse;
}

export class ReadinessResponse {
  @ApiProperty({ enum: ['up', 'down'] }) status: string;
  @ApiProperty({ type: DependencyChecksResponse }) checks: DependencyChecksResponse;
}
