import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMinSize,
  IsArray,
  IsEmail,
  IsEnum,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsTimeZone,
  MaxLength,
  MinLength,
} from 'class-validator';
import { Role } from '@msc/domain/kernel';
import { PageQuery } from '../../common/pagination.dto.js';

export class CreateUserDto {
  @ApiProperty()
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(120)
  displayName: string;

  @ApiProperty({ minLength: 10 })
  @IsString()
  @MinLength(10)
  @MaxLength(256)
  password: string;

  @ApiProperty({ enum: Role, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @IsEnum(Role, {
    each: true,
    message: `each role must be one of: ${Object.values(Role).join(', ')}`,
  })
  roles: Role[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(64)
  @IsTimeZone({ message: 'timeZone must be an IANA time zone, for example Europe/Lisbon' })
  timeZone?: string;
}

export class SetRolesDto {
  @ApiProperty({ enum: Role, isArray: true })
  @IsArray()
  @IsEnum(Role, {
    each: true,
    message: `each role must be one of: ${Object.values(Role).join(', ')}`,
  })
  roles: Role[];
}

export class ListUsersQuery extends PageQuery {
  @ApiPropertyOptional({ enum: Role })
  @IsOptional()
  @IsIn(Object.values(Role))
  role?: Role;

  @ApiPropertyOptional({ description: 'A part of the display name or of the e-mail' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}
