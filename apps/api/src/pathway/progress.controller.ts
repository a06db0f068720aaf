import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { UserView } from '@msc/domain/identity';
import { Role } from '@msc/kernel';
import { ProgressService } from '@msc/domain/pathway';
import { CurrentUser } from '../http/current-user.decorator.js';
import { ApiProblemResponse, ApiProblems } from '../http/dto/problem.response.js';
import { Roles, SignedIn } from '../http/roles.decorator.js';
import { ProgressDto } from './dto/progress.dto.js';

@ApiTags('progress')
@Controller()
export class ProgressController {
  constructor(private readonly progress: ProgressService) {}

  @Get('me/progress')
  @Roles(Role.Trainee)
  @ApiOperation({ summary: "The signed-in trainee's progress along their pathway" })
  @ApiOkResponse({ type: ProgressDto })
  @ApiProblems(409)
  mine(@CurrentUser() user: UserView) {
    return this.progress.progressOf(user.id);
  }

  /** Admins, the trainee, and whoever a registered viewer rule admits (the trainee's mentors). */
  @Get('trainees/:id/progress')
  @SignedIn()
  @ApiOperation({ summary: "A trainee's progress, for admins and the trainee's mentors" })
  @ApiOkResponse({ type: ProgressDto })
  @ApiProblems(400, 403, 409)
  @ApiProblemResponse(404, 'No trainee has this id')
  ofTrainee(@CurrentUser() user: UserView, @Param('id', ParseUUIDPipe) id: string) {
    return this.progress.progressFor(user, id);
  }
}
