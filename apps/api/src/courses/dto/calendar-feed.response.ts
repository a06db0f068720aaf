import { ApiProperty } from '@nestjs/swagger';

export class CalendarFeedResponse {
  @ApiProperty({
    format: 'uri',
    description: 'The personal iCalendar feed; opens without an Authorization header until rotated',
    example: 'http://localhost:3000/api/v1/calendar-feeds/<id>.<mac>/sessions.ics',
  })
  url: string;
}
