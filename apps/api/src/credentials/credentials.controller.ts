import {
  Body,
  Controller,
  Get,
  Header,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  StreamableFile,
} from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { CredentialsService, SigningKeys, VC_JWT_MEDIA_TYPE } from '@msc/domain/credentials';
import type { UserView } from '@msc/domain/identity';
import { Role } from '@msc/domain/kernel';
import { CurrentUser } from '../http/current-user.decorator.js';
import { Public } from '../http/public.decorator.js';
import { Roles, SignedIn } from '../http/roles.decorator.js';
import { OptionalReasonDto, StatusReasonDto } from './dto/credentials.dto.js';

@ApiTags('credentials')
@Controller()
export class CredentialsController {
  constructor(
    private readonly credentials: CredentialsService,
    private readonly keys: SigningKeys,
  ) {}

  @Public()
  @Get('.well-known/jwks.json')
  @Header('Cache-Control', 'public, max-age=300')
  @ApiOkResponse({ description: "The issuer's public keys, retired ones included" })
  jwks() {
    return this.keys.jwks();
  }

  @SignedIn()
  @Get('me/credentials')
  mine(@CurrentUser() user: UserView) {
    return this.credentials.listMine(user.id);
  }

  @Public()
  @Get('credentials/status/:listId')
  @Header('Content-Type', VC_JWT_MEDIA_TYPE)
  @Header('Cache-Control', 'public, max-age=60')
  @ApiProduces(VC_JWT_MEDIA_TYPE)
  @ApiOkResponse({ description: 'A signed BitstringStatusListCredential' })
  statusList(@Param('listId', ParseUUIDPipe) listId: string): Promise<string> {
    return this.credentials.statusListCredential(listId);
  }

  @Public()
  @Get('credentials/:id/vc')
  @Header('Content-Type', VC_JWT_MEDIA_TYPE)
  @ApiProduces(VC_JWT_MEDIA_TYPE)
  @ApiOkResponse({ description: 'The Open Badges 3.0 credential as a compact JWS (EdDSA)' })
  vc(@Param('id', ParseUUIDPipe) id: string): Promise<string> {
    return this.credentials.signedCredential(id);
  }

  @Public()
  @Get('credentials/:id/verify')
  @Header('Cache-Control', 'no-store')
  verify(@Param('id', ParseUUIDPipe) id: string) {
    return this.credentials.verify(id);
  }

  @SignedIn()
  @Get('credentials/:id/certificate.pdf')
  @ApiProduces('application/pdf')
  @Header('Cache-Control', 'private, no-store')
  @ApiOkResponse({
    description: 'The certificate with a verification QR code, to its holder and admins',
  })
  async certificate(
    @CurrentUser() user: UserView,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<StreamableFile> {
    const pdf = await this.credentials.certificatePdf(user, id);
    return new StreamableFile(pdf, {
      type: 'application/pdf',
      disposition: `inline; filename="credential-${id}.pdf"`,
      length: pdf.length,
    });
  }

  @Roles(Role.Admin)
  @Post('credentials/:id/revoke')
  @HttpCode(200)
  revoke(
    @CurrentUser() admin: UserView,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: StatusReasonDto,
  ) {
    return this.credentials.revoke(admin, id, body.reason);
  }

  @Roles(Role.Admin)
  @Post('credentials/:id/suspend')
  @HttpCode(200)
  suspend(
    @CurrentUser() admin: UserView,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: StatusReasonDto,
  ) {
    return this.credentials.suspend(admin, id, body.reason);
  }

  @Roles(Role.Admin)
  @Post('credentials/:id/reinstate')
  @HttpCode(200)
  reinstate(
    @CurrentUser() admin: UserView,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: OptionalReasonDto,
  ) {
    return this.credentials.reinstate(admin, id, body.reason ?? null);
  }
}
