import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { IdentityService, type UserView } from '@msc/domain/identity';
import { Role } from '@msc/domain/kernel';
import { CurrentUser } from '../http/current-user.decorator.js';
import { Roles } from '../http/roles.decorator.js';
import { CreateUserDto, ListUsersQuery, SetRolesDto } from './dto/users.dto.js';

@ApiTags('identity')
@Controller('users')
@Roles(Role.Admin)
export class UsersController {
  constructor(private readonly identity: IdentityService) {}

  @Post()
  create(@CurrentUser() admin: UserView, @Body() body: CreateUserDto) {
    return this.identity.createUser(admin, body);
  }

  @Get()
  list(@Query() query: ListUsersQuery) {
    return this.identity.listUsers(query);
  }

  @Get(':id')
  get(@Param('id', ParseUUIDPipe) id: string) {
    return this.identity.getUser(id);
  }

  @Put(':id/roles')
  setRoles(
    @CurrentUser() admin: UserView,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: SetRolesDto,
  ) {
    return this.identity.setRoles(admin, id, body.roles);
  }
}
