import { Body, Controller, Get, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { IdentityService, type UserView } from '@msc/domain/identity';
import { AddressRateLimitGuard } from '../http/address-rate-limit.guard.js';
import { CurrentUser } from '../http/current-user.decorator.js';
import { Public } from '../http/public.decorator.js';
import { SignedIn } from '../http/roles.decorator.js';
import { LoginDto, RefreshDto, RegisterDto } from './dto/auth.dto.js';

@ApiTags('identity')
@Controller()
export class AuthController {
  constructor(private readonly identity: IdentityService) {}

  @Public()
  @UseGuards(AddressRateLimitGuard)
  @Post('auth/register')
  register(@Body() body: RegisterDto) {
    return this.identity.register(body);
  }

  @Public()
  @UseGuards(AddressRateLimitGuard)
  @Post('auth/login')
  @HttpCode(200)
  login(@Body() body: LoginDto) {
    return this.identity.login(body.email, body.password);
  }

  @Public()
  @UseGuards(AddressRateLimitGuard)
  @Post('auth/refresh')
  @HttpCode(200)
  refresh(@Body() body: RefreshDto) {
    return this.identity.refresh(body.refreshToken);
  }

  @SignedIn()
  @Post('auth/logout')
  @HttpCode(204)
  async logout(@CurrentUser() user: UserView, @Body() body: RefreshDto): Promise<void> {
    await this.identity.logout(user, body.refreshToken);
  }

  @SignedIn()
  @Get('me')
  me(@CurrentUser() user: UserView): UserView {
    return user;
  }
}
