import { ApiProperty } from '@nestjs/swagger';
import {
  AttendanceStatus,
  CohortStatus,
  CourseFormat,
  DeliveryMode,
  EnrollmentStatus,
  SessionCadence,
  TeacherRole,
} from '@msc/domain/courses';

export class CourseResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'MSC-8W' }) code: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: CourseFormat }) format: CourseFormat;
  @ApiProperty({ enum: DeliveryMode }) deliveryMode: DeliveryMode;
  @ApiProperty() sessionCount: number;
  @ApiProperty() sessionMinutes: number;
  @ApiProperty({ description: 'Sessions attended to complete the course' })
  completionMinSessions: number;
  @ApiProperty({ nullable: true, type: Number }) ceHours: number | null;
  @ApiProperty({ nullable: true, type: String }) ceAccreditor: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({
    nullable: true,
    type: String,
    format: 'date-time',
    description: 'When it was retired (it takes no new cohorts); null while active',
  })
  retiredAt: string | null;
  @ApiProperty({ nullable: true, type: String }) retirementReason: string | null;
}

export class CourseListResponse {
  @ApiProperty({ type: [CourseResponse] }) items: CourseResponse[];
  @ApiProperty() total: number;
}

export class CohortSessionResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ minimum: 1 }) number: number;
  @ApiProperty({ format: 'date-time' }) startsAt: string;
  @ApiProperty({ format: 'date-time' }) endsAt: string;
}

export class CohortTeacherResponse {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ enum: TeacherRole }) role: TeacherRole;
}

export class TeacherAssignmentResponse extends CohortTeacherResponse {
  @ApiProperty({ format: 'uuid' }) cohortId: string;
  @ApiProperty({ format: 'date-time' }) assignedAt: string;
}

export class CohortCourseResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() code: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: CourseFormat }) format: CourseFormat;
  @ApiProperty({ enum: DeliveryMode }) deliveryMode: DeliveryMode;
  @ApiProperty() sessionCount: number;
  @ApiProperty() sessionMinutes: number;
  @ApiProperty() completionMinSessions: number;
}

export class CohortResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) courseId: string;
  @ApiProperty() title: string;
  @ApiProperty({
    enum: CohortStatus,
    description:
      '`scheduling` until its sessions exist, then `open`, then `completed`; `cancelled` when an admin called it off',
  })
  status: CohortStatus;
  @ApiProperty() capacity: number;
  @ApiProperty() enrolledCount: number;
  @ApiProperty() waitlistCount: number;
  @ApiProperty() seatsLeft: number;
  @ApiProperty({ example: 'Europe/Lisbon' }) timeZone: string;
  @ApiProperty({ format: 'date', description: 'Local date of the first session' })
  startDate: string;
  @ApiProperty({ example: '19:00', description: 'Local time of the sessions (HH:mm)' })
  localTime: string;
  @ApiProperty({ enum: SessionCadence }) cadence: SessionCadence;
  @ApiProperty() ceEligible: boolean;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) completedAt: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) cancelledAt: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Why an admin cancelled it' })
  cancellationReason: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: CohortCourseResponse }) course: CohortCourseResponse;
  @ApiProperty({ type: [CohortTeacherResponse] }) teachers: CohortTeacherResponse[];
  @ApiProperty({ type: [CohortSessionResponse] }) sessions: CohortSessionResponse[];
}

export class CohortListResponse {
  @ApiProperty({ type: [CohortResponse] }) items: CohortResponse[];
  @ApiProperty() total: number;
}

export class CompletionRequestResponse {
  @ApiProperty({ format: 'uuid' }) cohortId: string;
  @ApiProperty({ enum: CohortStatus }) status: CohortStatus;
}

export class EnrollmentResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) cohortId: string;
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty({ enum: EnrollmentStatus }) status: EnrollmentStatus;
  @ApiProperty({ required: false, description: 'Place on the waitlist (1 is next)' })
  waitlistPosition?: number;
}

export class CohortEnrollmentResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) cohortId: string;
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ format: 'email' }) email: string;
  @ApiProperty({ enum: EnrollmentStatus }) status: EnrollmentStatus;
  @ApiProperty({ nullable: true, type: Number }) waitlistPosition: number | null;
  @ApiProperty() requestCe: boolean;
  @ApiProperty({ nullable: true, type: String }) licenseNumber: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) enrolledAt: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) waitlistedAt: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) withdrawnAt: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) completedAt: string | null;
  @ApiProperty() attendedSessions: number;
}

export class CohortEnrollmentListResponse {
  @ApiProperty({ type: [CohortEnrollmentResponse] }) items: CohortEnrollmentResponse[];
  @ApiProperty() total: number;
}

export class MyEnrollmentCohortResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: CohortStatus }) status: CohortStatus;
  @ApiProperty({ format: 'date' }) startDate: string;
  @ApiProperty({ example: '19:00' }) localTime: string;
  @ApiProperty() timeZone: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) firstSessionAt: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) lastSessionEndsAt:
    string | null;
}

export class MyEnrollmentCourseResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() code: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: CourseFormat }) format: CourseFormat;
  @ApiProperty() completionMinSessions: number;
}

export class MyEnrollmentResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) cohortId: string;
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty({ enum: EnrollmentStatus }) status: EnrollmentStatus;
  @ApiProperty({ nullable: true, type: Number }) waitlistPosition: number | null;
  @ApiProperty() requestCe: boolean;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) enrolledAt: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) completedAt: string | null;
  @ApiProperty() attendedSessions: number;
  @ApiProperty({ type: MyEnrollmentCohortResponse }) cohort: MyEnrollmentCohortResponse;
  @ApiProperty({ type: MyEnrollmentCourseResponse }) course: MyEnrollmentCourseResponse;
}

export class MyEnrollmentListResponse {
  @ApiProperty({ type: [MyEnrollmentResponse] }) items: MyEnrollmentResponse[];
  @ApiProperty() total: number;
}

export class AttendanceRecordResponse {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty({ enum: AttendanceStatus }) status: AttendanceStatus;
  @ApiProperty({ format: 'date-time' }) recordedAt: string;
}

export class AttendanceResponse {
  @ApiProperty({ format: 'uuid' }) cohortId: string;
  @ApiProperty({ format: 'uuid' }) sessionId: string;
  @ApiProperty({ type: [AttendanceRecordResponse] }) records: AttendanceRecordResponse[];
}
