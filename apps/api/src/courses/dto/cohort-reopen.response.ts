import { ApiProperty } from '@nestjs/swagger';

export class CohortReopenedResponse {
  @ApiProperty({ format: 'uuid' }) cohortId: string;
  @ApiProperty({ enum: ['open'], description: 'Open again: attendance can be corrected' })
  status: 'open';
}
