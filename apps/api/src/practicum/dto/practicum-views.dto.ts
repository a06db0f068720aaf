import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { RecordingStatus } from '@msc/domain/practicum';
import { PageQuery } from '../../common/pagination.dto.js';

export class MyRecordingsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: RecordingStatus })
  @IsOptional()
  @IsIn(Object.values(RecordingStatus), {
    message: `status must be one of: ${Object.values(RecordingStatus).join(', ')}`,
  })
  status?: RecordingStatus;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only the recordings of this practicum' })
  @IsOptional()
  @IsUUID()
  practicumId?: string;
}
