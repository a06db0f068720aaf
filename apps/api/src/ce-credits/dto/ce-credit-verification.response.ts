import { ApiProperty } from '@nestjs/swagger';

/** What an accreditor sees when checking a CE certificate. */
export class CeCreditVerificationResponse {
  @ApiProperty() valid: boolean;
  @ApiProperty({ example: 'MSC-CE-2027-000123' }) certificateNumber: string;
  @ApiProperty() holderName: string;
  @ApiProperty() courseTitle: string;
  @ApiProperty() courseCode: string;
  @ApiProperty({ example: 21 }) hours: number;
  @ApiProperty({ example: 'msc_8_week' }) format: string;
  @ApiProperty({ format: 'date-time' }) firstSessionAt: string;
  @ApiProperty({ format: 'date-time' }) lastSessionAt: string;
  @ApiProperty({ nullable: true, type: String }) accreditorStatement: string | null;
  @ApiProperty({ format: 'date-time' }) issuedAt: string;
}
