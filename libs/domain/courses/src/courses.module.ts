import { Module, type OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@msc/domain/audit';
import { NotificationsModule } from '@msc/domain/notifications';
import { EvaluatorRegistry, PathwayModule } from '@msc/domain/pathway';
import { UndoneWork } from '@msc/queue';
import { AttendanceRecord } from './attendance-record.entity.js';
import { CalendarFeed } from './calendar-feed.entity.js';
import { CalendarFeedsService } from './calendar-feeds.service.js';
import { AttendanceRepository } from './attendance.repository.js';
import { AttendanceService } from './attendance.service.js';
import { Cohort } from './cohort.entity.js';
import { CohortSession } from './cohort-session.entity.js';
import { CohortTeacher } from './cohort-teacher.entity.js';
import { CohortsRepository } from './cohorts.repository.js';
import { CompletionService } from './completion.service.js';
import { Course } from './course.entity.js';
import { CourseCompletedEvaluator } from './course-completed.evaluator.js';
import { CoursesRepository } from './courses.repository.js';
import { CoursesService } from './courses.service.js';
import { Enrollment } from './enrollment.entity.js';
import { EnrollmentsRepository } from './enrollments.repository.js';
import { EnrollmentsService } from './enrollments.service.js';
import { SchedulingService } from './scheduling.service.js';
import { CohortChangesService } from './cohort-changes.service.js';
import { SignedLinksModule } from './signed-links.js';
import { UndoneCompletions } from './undone-completions.js';

export const coursesEntities = [
  Course,
  Cohort,
  CohortSession,
  CohortTeacher,
  Enrollment,
  AttendanceRecord,
  CalendarFeed,
];

/** Courses, cohorts, sessions, teachers, enrollments, attendance and completion. */
@Module({
  imports: [
    TypeOrmModule.forFeature(coursesEntities),
    AuditModule,
    NotificationsModule,
    PathwayModule,
    SignedLinksModule,
  ],
  providers: [
    CalendarFeedsService,
    CoursesRepository,
    CohortsRepository,
    EnrollmentsRepository,
    AttendanceRepository,
    CoursesService,
    SchedulingService,
    CohortChangesService,
    EnrollmentsService,
    AttendanceService,
    CompletionService,
    CourseCompletedEvaluator,
    UndoneCompletions,
  ],
  exports: [
    CalendarFeedsService,
    CoursesService,
    SchedulingService,
    CohortChangesService,
    EnrollmentsService,
    AttendanceService,
    CompletionService,
  ],
})
export class CoursesModule implements OnModuleInit {
  constructor(
    private readonly registry: EvaluatorRegistry,
    private readonly courseCompleted: CourseCompletedEvaluator,
    private readonly undoneWork: UndoneWork,
    private readonly undoneCompletions: UndoneCompletions,
  ) {}

  onModuleInit(): void {
    this.registry.register(this.courseCompleted);
    this.undoneWork.register(this.undoneCompletions);
  }
}
