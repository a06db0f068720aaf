import { Controller, Get, Header, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CalendarFeedsService } from '@msc/domain/courses';
import type { UserView } from '@msc/domain/identity';
import { CurrentUser } from '../http/current-user.decorator.js';
import { ApiProblemResponse } from '../http/dto/problem.response.js';
import { Public } from '../http/public.decorator.js';
import { SignedIn } from '../http/roles.decorator.js';
import { CalendarFeedResponse } from './dto/calendar-feed.response.js';

@ApiTags('courses')
@Controller()
export class CalendarFeedController {
  constructor(private readonly feeds: CalendarFeedsService) {}

  @SignedIn()
  @Get('me/calendar-feed')
  @Header('Cache-Control', 'private, no-store')
  @ApiOperation({
    summary: 'My personal calendar feed: a URL calendar apps subscribe to without signing in',
  })
  @ApiOkResponse({ type: CalendarFeedResponse })
  mine(@CurrentUser() user: UserView): Promise<CalendarFeedResponse> {
    return this.feeds.feedUrl(user.id);
  }

  @SignedIn()
  @Post('me/calendar-feed/rotate')
  @HttpCode(200)
  @Header('Cache-Control', 'private, no-store')
  @ApiOperation({ summary: 'Replace my calendar feed URL; the old one stops working' })
  @ApiOkResponse({ type: CalendarFeedResponse })
  rotate(@CurrentUser() user: UserView): Promise<CalendarFeedResponse> {
    return this.feeds.rotate(user.id);
  }

  @Public()
  @Get('calendar-feeds/:token/sessions.ics')
  @ApiProduces('text/calendar')
  @ApiOperation({
    summary: 'A personal calendar feed (the URL from GET /me/calendar-feed; no Authorization)',
  })
  @ApiOkResponse({ description: 'text/calendar, one VEVENT a session', type: String })
  @ApiProblemResponse(404, 'An unknown, altered or rotated feed')
  async feed(
    @Param('token') token: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const { filename, body } = await this.feeds.feed(token);
    reply
      .header('content-type', 'text/calendar; charset=utf-8')
      .header('content-disposition', `inline; filename="${filename}"`)
      .header('cache-control', 'private, max-age=300')
      .header('referrer-policy', 'no-referrer');
    return body;
  }
}
