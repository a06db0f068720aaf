import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Role } from '@msc/kernel';

export class UserResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'email' }) email: string;
  @ApiProperty({ example: 'Ana Pereira' }) displayName: string;
  @ApiProperty({ enum: Role, isArray: true }) roles: Role[];
  @ApiProperty({ example: 'Europe/Lisbon', description: 'IANA time zone' }) timeZone: string;
}

/** A user as an admin sees them: with whether the account is deactivated. */
export class AdminUserResponse extends UserResponse {
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When an admin deactivated the account; null while it is active',
  })
  deactivatedAt: Date | null;
}

export class UserListResponse {
  @ApiProperty({ type: [AdminUserResponse] }) items: AdminUserResponse[];
  @ApiProperty() total: number;
}

export class SessionResponse {
  @ApiProperty({ type: UserResponse }) user: UserResponse;
  @ApiProperty({ description: 'Bearer access token (JWT); keep it in memory only' })
  accessToken: string;
  @ApiPropertyOptional({
    description:
      'Bearer clients only: with the header X-MSC-Client: web it is set in the HttpOnly cookie msc_refresh instead',
  })
  refreshToken?: string;
  @ApiProperty({ description: 'Seconds until the access token expires' }) expiresIn: number;
}

export class PersonMatchResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() displayName: string;
  @ApiProperty() email: string;
  @ApiProperty({ enum: Role, isArray: true }) roles: Role[];
}

export class PersonMatchListResponse {
  @ApiProperty({ type: [PersonMatchResponse], description: 'At most 20, names starting so first' })
  items: PersonMatchResponse[];
}
