import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsEnum,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { DESIGNATION, REQUIREMENT_KEY, RequirementKind, STAGE_KEY } from '@msc/domain/pathway';
import { PageQuery } from '../../common/pagination.dto.js';

const PATHWAY_KEY = /^[a-z][a-z0-9-]*$/;

export class RequirementDefinitionDto {
  @ApiProperty({ example: 'msc_course.completed' })
  @IsString()
  @Matches(REQUIREMENT_KEY, { message: 'key looks like "stage_key.name"' })
  @MaxLength(100)
  key: string;

  @ApiProperty({ enum: RequirementKind })
  @IsEnum(RequirementKind, {
    message: `kind must be one of: ${Object.values(RequirementKind).join(', ')}`,
  })
  kind: RequirementKind;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  title: string;

  @ApiProperty({ type: 'object', additionalProperties: true, example: { formats: ['msc_8_week'] } })
  @IsObject()
  params: Record<string, unknown>;
}

export class StageDefinitionDto {
  @ApiProperty({ example: 'msc_course' })
  @IsString()
  @Matches(STAGE_KEY, { message: 'key is lower-case letters, digits and underscores' })
  @MaxLength(60)
  key: string;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  title: string;

  @ApiPropertyOptional({ example: 'trained_teacher' })
  @IsOptional()
  @IsString()
  @Matches(DESIGNATION, { message: 'designation is lower-case letters, digits and underscores' })
  @MaxLength(60)
  designation?: string;

  @ApiProperty({ type: [RequirementDefinitionDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => RequirementDefinitionDto)
  requirements: RequirementDefinitionDto[];
}

export class PublishPathwayVersionDto {
  @ApiPropertyOptional({
    default: 'msc-teacher',
    description: 'Which pathway this is a version of',
  })
  @IsOptional()
  @IsString()
  @Matches(PATHWAY_KEY, { message: 'key is lower-case letters, digits and hyphens' })
  @MaxLength(60)
  key?: string;

  @ApiProperty({ example: 'MSC teacher pathway' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  title: string;

  @ApiProperty({ type: [StageDefinitionDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => StageDefinitionDto)
  stages: StageDefinitionDto[];
}

export class ListPathwayVersionsQuery extends PageQuery {
  @ApiPropertyOptional({ example: 'msc-teacher' })
  @IsOptional()
  @IsString()
  @Matches(PATHWAY_KEY)
  @MaxLength(60)
  key?: string;
}
