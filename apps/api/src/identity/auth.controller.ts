import {
  Body,
  Controller,
  Get,
  HttpCode,
  Patch,
  Post,
  Put,
  Req,
  Res,
  UseGuards,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiHeader,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppConfig } from '@msc/config';
import {
  AccessTokens,
  IdentityError,
  IdentityErrorCode,
  IdentityService,
  type UserView,
} from '@msc/domain/identity';
import { AddressRateLimitGuard } from '../http/address-rate-limit.guard.js';
import { ApiProblem } from '../http/api-problem.js';
import { CurrentUser } from '../http/current-user.decorator.js';
import { Public } from '../http/public.decorator.js';
import { ApiProblems } from '../http/dto/problem.response.js';
import { SignedIn } from '../http/roles.decorator.js';
import {
  ChangePasswordDto,
  LoginDto,
  PasswordResetConfirmDto,
  PasswordResetRequestDto,
  RefreshDto,
  RegisterDto,
  UpdateProfileDto,
} from './dto/auth.dto.js';
import { SessionResponse, UserResponse } from './dto/identity.response.js';
import {
  clearRefreshCookie,
  isWebClient,
  refreshTokenCookie,
  sessionAnswer,
} from './session-cookie.js';

const WEB_HEADER = {
  name: 'X-MSC-Client',
  required: false,
  description:
    '"web" for the browser transport: the refresh token travels in the HttpOnly cookie msc_refresh, never in the body',
};

const bearerOf = (request: FastifyRequest) =>
  /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];

@ApiTags('identity')
@Controller()
export class AuthController {
  constructor(
    private readonly identity: IdentityService,
    private readonly accessTokens: AccessTokens,
    private readonly config: AppConfig,
  ) {}

  @Public()
  @UseGuards(AddressRateLimitGuard)
  @Post('auth/register')
  @ApiOperation({ summary: 'Create a trainee account and sign in' })
  @ApiHeader(WEB_HEADER)
  @ApiCreatedResponse({ type: SessionResponse })
  @ApiProblems(400, 409, 429, 503)
  async register(
    @Body() body: RegisterDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return sessionAnswer(await this.identity.register(body), request, reply, this.config);
  }

  @Public()
  @UseGuards(AddressRateLimitGuard)
  @Post('auth/login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in with e-mail and password' })
  @ApiHeader(WEB_HEADER)
  @ApiOkResponse({ type: SessionResponse })
  @ApiProblems(400, 401, 429, 503)
  async login(
    @Body() body: LoginDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const session = await this.identity.login(body.email, body.password);
    return sessionAnswer(session, request, reply, this.config);
  }

  @Public()
  @UseGuards(AddressRateLimitGuard)
  @Post('auth/refresh')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Rotate the refresh token for a new access token',
    description:
      'Bearer clients send { refreshToken }. Browsers send no body and the header X-MSC-Client: web; the msc_refresh cookie is read and replaced (403 without the header).',
  })
  @ApiHeader(WEB_HEADER)
  @ApiOkResponse({ type: SessionResponse })
  @ApiProblems(400, 401, 403, 429, 503)
  async refresh(
    @Body() body: RefreshDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const web = isWebClient(request);
    let token = body?.refreshToken;
    if (!token) {
      if (!web) {
        throw new IdentityError(
          IdentityErrorCode.ClientHeaderRequired,
          'Send the refresh token in the body, or the header "X-MSC-Client: web" to use the session cookie',
        );
      }
      token = refreshTokenCookie(request);
      if (!token)
        throw new IdentityError(IdentityErrorCode.InvalidRefreshToken, 'No session cookie');
    }
    try {
      return sessionAnswer(await this.identity.refresh(token), request, reply, this.config);
    } catch (error) {
      // A browser holding a dead session cookie drops it.
      if (web && error instanceof IdentityError) clearRefreshCookie(request, reply, this.config);
      throw error;
    }
  }

  @Public()
  @Post('auth/logout')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Sign out: revoke the session (the refresh token and its family)',
    description:
      'Bearer clients: signed in, with { refreshToken }. Browsers: the header X-MSC-Client: web and the msc_refresh cookie (bearer optional); the cookie is cleared.',
  })
  @ApiHeader(WEB_HEADER)
  @ApiBearerAuth()
  @ApiNoContentResponse({ description: 'Signed out' })
  @ApiProblems(400, 401, 503)
  async logout(
    @Body() body: RefreshDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    if (isWebClient(request)) {
      const token = body?.refreshToken ?? refreshTokenCookie(request);
      // Holding the refresh token is the proof; the cookie goes whatever it held.
      if (token) await this.identity.logout(null, token);
      clearRefreshCookie(request, reply, this.config);
      return;
    }
    const accessToken = bearerOf(request);
    if (!accessToken) {
      throw new ApiProblem(
        401,
        'unauthenticated',
        'Sign in and send the access token as "Authorization: Bearer <token>"',
        { headers: { 'WWW-Authenticate': 'Bearer' } },
      );
    }
    const user = await this.identity.authenticate(accessToken);
    if (!body?.refreshToken) {
      throw new ApiProblem(400, 'validation', 'refreshToken is required', {
        errors: [{ field: 'refreshToken', message: 'refreshToken should not be empty' }],
      });
    }
    await this.identity.logout(user, body.refreshToken);
  }

  @Public()
  @UseGuards(AddressRateLimitGuard)
  @Post('auth/password-reset')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Ask for a password-reset e-mail',
    description:
      'Always 202, whether or not the e-mail is known. A known account receives a link to /reset-password?token=…, valid one hour, once.',
  })
  @ApiAcceptedResponse({ description: 'If the e-mail belongs to an account, a link is on its way' })
  @ApiProblems(400, 429, 503)
  async requestPasswordReset(@Body() body: PasswordResetRequestDto): Promise<void> {
    await this.identity.requestPasswordReset(body.email);
  }

  @Public()
  @UseGuards(AddressRateLimitGuard)
  @Post('auth/password-reset/confirm')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Set a new password with the token of a reset e-mail',
    description:
      'Every session of the person is signed out. A used, expired or unknown token is 400.',
  })
  @ApiNoContentResponse({ description: 'The password is changed' })
  @ApiProblems(400, 429, 503)
  async confirmPasswordReset(@Body() body: PasswordResetConfirmDto): Promise<void> {
    await this.identity.confirmPasswordReset(body.token, body.password);
  }

  @SignedIn()
  @Get('me')
  @ApiOperation({ summary: 'The signed-in person' })
  @ApiOkResponse({ type: UserResponse })
  me(@CurrentUser() user: UserView): UserView {
    return user;
  }

  @SignedIn()
  @Patch('me')
  @ApiOperation({ summary: 'Change my display name and/or time zone' })
  @ApiOkResponse({ type: UserResponse })
  @ApiProblems(400)
  updateProfile(@CurrentUser() user: UserView, @Body() body: UpdateProfileDto) {
    return this.identity.updateProfile(user, body);
  }

  @SignedIn()
  @Put('me/password')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Change my password',
    description:
      '403 when the current password is wrong. Every other session is signed out; the one that sent this request stays signed in.',
  })
  @ApiNoContentResponse({ description: 'The password is changed' })
  @ApiProblems(400, 403)
  async changePassword(
    @CurrentUser() user: UserView,
    @Body() body: ChangePasswordDto,
    @Req() request: FastifyRequest,
  ): Promise<void> {
    // The guard has verified this token already; what it adds is the session it belongs to.
    const { sessionId } = await this.accessTokens.verify(bearerOf(request)!);
    await this.identity.changePassword(user, { ...body, sessionId });
  }
}
