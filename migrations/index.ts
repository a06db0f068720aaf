import { CreateFoundation1795776944782 } from './1795776944782-CreateFoundation.js';
import { CreatePathway1795800000000 } from './1795800000000-CreatePathway.js';
import { CreatePracticeLogs1795815000000 } from './1795815000000-CreatePracticeLogs.js';
import { CreateCeCredits1795820000000 } from './1795820000000-CreateCeCredits.js';
import { CreateAttestationsAndApplications1795830000000 } from './1795830000000-CreateAttestationsAndApplications.js';
import { CreateCourses1795810000000 } from './1795810000000-CreateCourses.js';
import { WidenOutboxDelay1795810000001 } from './1795810000001-WidenOutboxDelay.js';
import { CreatePracticum1795840000000 } from './1795840000000-CreatePracticum.js';
import { CreateCredentials1795850000000 } from './1795850000000-CreateCredentials.js';
import { AddNotificationEmailClaim1795870000000 } from './1795870000000-AddNotificationEmailClaim.js';
import { IndexForeignKeys1795860000000 } from './1795860000000-IndexForeignKeys.js';
import { CreatePasswordResets1796100000000 } from './1796100000000-CreatePasswordResets.js';
import { CreateCalendarFeeds1796200000000 } from './1796200000000-CreateCalendarFeeds.js';
import { AddCohortReopenedAt1796200000001 } from './1796200000001-AddCohortReopenedAt.js';
import { IndexUserLookup1796400000000 } from './1796400000000-IndexUserLookup.js';
import { CreateRecordingUploads1796400000001 } from './1796400000001-CreateRecordingUploads.js';
import { OneAttestationPendingPerKind1796200000002 } from './1796200000002-OneAttestationPendingPerKind.js';
import { AddUserDeactivatedAt1796500000000 } from './1796500000000-AddUserDeactivatedAt.js';
import { AddCohortCancellation1796600000000 } from './1796600000000-AddCohortCancellation.js';
import { AddCourseRetirement1796700000000 } from './1796700000000-AddCourseRetirement.js';
import { IndexListOrders1796800000000 } from './1796800000000-IndexListOrders.js';
import { AddCohortSeatsTaken1796810000000 } from './1796810000000-AddCohortSeatsTaken.js';
import { IndexUserSearchTrigram1796830000000 } from './1796830000000-IndexUserSearchTrigram.js';
import { AddStatementAbort1796840000000 } from './1796840000000-AddStatementAbort.js';
import { StatementAbortCode1796850000000 } from './1796850000000-StatementAbortCode.js';

/** Every migration, in order; listed explicitly so the app, the CLI and the tests agree. */
export const migrations = [
  CreateFoundation1795776944782,
  CreatePathway1795800000000,
  CreateCourses1795810000000,
  WidenOutboxDelay1795810000001,
  CreatePracticeLogs1795815000000,
  CreateCeCredits1795820000000,
  CreateAttestationsAndApplications1795830000000,
  CreatePracticum1795840000000,
  CreateCredentials1795850000000,
  IndexForeignKeys1795860000000,
  AddNotificationEmailClaim1795870000000,
  CreatePasswordResets1796100000000,
  CreateCalendarFeeds1796200000000,
  AddCohortReopenedAt1796200000001,
  IndexUserLookup1796400000000,
  CreateRecordingUploads1796400000001,
  OneAttestationPendingPerKind1796200000002,
  AddUserDeactivatedAt1796500000000,
  AddCohortCancellation1796600000000,
  AddCourseRetirement1796700000000,
  IndexListOrders1796800000000,
  AddCohortSeatsTaken1796810000000,
  IndexUserSearchTrigram1796830000000,
  AddStatementAbort1796840000000,
  StatementAbortCode1796850000000,
];
