import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { IdentityService, PeopleLookup, type UserView } from '@msc/domain/identity';
import { Role } from '@msc/kernel';
import { CurrentUser } from '../http/current-user.decorator.js';
import { ApiProblems } from '../http/dto/problem.response.js';
import { Roles } from '../http/roles.decorator.js';
import {
  AdminUserResponse,
  PersonMatchListResponse,
  UserListResponse,
  UserResponse,
} from './dto/identity.response.js';
import { CreateUserDto, ListUsersQuery, PeopleLookupQuery, SetRolesDto } from './dto/users.dto.js';

@ApiTags('identity')
@Controller('users')
@Roles(Role.Admin)
export class UsersController {
  constructor(
    private readonly identity: IdentityService,
    private readonly people: PeopleLookup,
  ) {}

  @Get('lookup')
  @ApiOperation({
    summary: 'Find people by the beginning of a word of their name or of their e-mail (at most 20)',
  })
  @ApiOkResponse({ type: PersonMatchListResponse })
  @ApiProblems(400)
  async lookup(@Query() query: PeopleLookupQuery) {
    return { items: await this.people.find(query) };
  }

  @Post()
  @ApiOperation({ summary: 'Create a user with the given roles' })
  @ApiCreatedResponse({ type: UserResponse })
  @ApiProblems(400, 409)
  create(@CurrentUser() admin: UserView, @Body() body: CreateUserDto) {
    return this.identity.createUser(admin, body);
  }

  @Get()
  @ApiOperation({
    summary:
      'List the users (a page), optionally of one role or matching a part of a name or e-mail',
  })
  @ApiOkResponse({ type: UserListResponse })
  @ApiProblems(400)
  list(@Query() query: ListUsersQuery) {
    return this.identity.listUsers(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One user' })
  @ApiOkResponse({ type: UserResponse })
  @ApiProblems(400, 404)
  get(@Param('id', ParseUUIDPipe) id: string) {
    return this.identity.getUser(id);
  }

  @Put(':id/roles')
  @ApiOperation({ summary: "Replace a user's roles (the last admin keeps the admin role)" })
  @ApiOkResponse({ type: UserResponse })
  @ApiProblems(400, 404, 409)
  setRoles(
    @CurrentUser() admin: UserView,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: SetRolesDto,
  ) {
    return this.identity.setRoles(admin, id, body.roles);
  }

  @Post(':id/deactivate')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Deactivate a person: no sign-in, refresh tokens revoked, access tokens refused; records stay (audited)',
  })
  @ApiOkResponse({ type: AdminUserResponse })
  @ApiProblems(400, 404, 409)
  deactivate(@CurrentUser() admin: UserView, @Param('id', ParseUUIDPipe) id: string) {
    return this.identity.deactivateUser(admin, id);
  }

  @Post(':id/reactivate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reactivate a deactivated person (audited)' })
  @ApiOkResponse({ type: AdminUserResponse })
  @ApiProblems(400, 404)
  reactivate(@CurrentUser() admin: UserView, @Param('id', ParseUUIDPipe) id: string) {
    return this.identity.reactivateUser(admin, id);
  }
}
