import { ApiProperty } from '@nestjs/swagger';
import { RecordingResponse } from './practicum.response.js';

/** One recording as GET /recordings/:id answers it: the detail plus a signed link to its media. */
export class RecordingDetailResponse extends RecordingResponse {
  @ApiProperty({
    example: '/api/v1/signed/recordings/0b9f…/content?expires=1767225600&signature=…',
    description:
      'A same-origin path that serves the media (with Range) without an Authorization header; ' +
      'minted for whoever may read this recording and valid until contentUrlExpiresAt',
  })
  contentUrl: string;

  @ApiProperty({
    format: 'date-time',
    description: 'When contentUrl stops opening (410); fetch the recording again for a new one',
  })
  contentUrlExpiresAt: string;
}
