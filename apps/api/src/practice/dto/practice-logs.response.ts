import { ApiProperty } from '@nestjs/swagger';
import { PracticeKind } from '@msc/domain/courses';

export class PracticeLogResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'date', description: 'Local date of the practice' }) date: string;
  @ApiProperty({ minimum: 1 }) minutes: number;
  @ApiProperty({ enum: PracticeKind }) practice: PracticeKind;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class PracticeStatsResponse {
  @ApiProperty({ description: 'Days with practice among the last 60, today included' })
  daysLast60: number;
  @ApiProperty({ description: 'Consecutive days with practice up to today (or yesterday)' })
  currentStreak: number;
}

export class PracticeLogListResponse {
  @ApiProperty({ type: [PracticeLogResponse] }) items: PracticeLogResponse[];
  @ApiProperty() total: number;
  @ApiProperty({ type: PracticeStatsResponse }) stats: PracticeStatsResponse;
}
