import type * as delegations from '@contracts/delegations';
import type * as exemptions from '@contracts/exemptions';
import type * as inbox from '@contracts/inbox';
import type * as notifications from '@contracts/notifications';
import type * as org from '@contracts/org';
import type * as orgImport from '@contracts/org-import';
import type * as periods from '@contracts/review-periods';
import type * as requests from '@contracts/requests';
import type * as users from '@contracts/users';
import type { Json } from '@contracts/wire';

/**
 * The API's responses as this app receives them: the contracts the API's services return (libs/contracts),
 * after JSON (timestamps are ISO strings). Nothing here is written by hand.
 */

export type { Page } from '@contracts/paging';
export type Grant = Json<users.Grant>;
export type Me = Json<users.User>;
export type DevUser = Json<users.DevUser>;
export type DevLoginResult = Json<users.DevLoginResult>;
export type Division = Json<org.Division>;
export type RequestSummary = Json<requests.RequestSummary>;
export type Submission = Json<requests.Submission>;
export type Stage = Json<requests.Stage>;
export type Decision = Json<requests.Decision>;
export type RequestDetail = Json<requests.RequestDetail>;
export type TimelineEvent = Json<requests.TimelineEvent>;
export type DecisionResult = Json<requests.DecisionResult>;
export type Resubmission = Json<requests.Resubmission>;
export type Reassignment = Json<requests.Reassignment>;
export type Withdrawal = Json<requests.Withdrawal>;
export type InboxItem = Json<inbox.InboxItem>;
export type ReviewPeriod = Json<periods.ReviewPeriod>;
export type Exemption = Json<exemptions.Exemption>;
export type Notification = Json<notifications.Notification>;
export type NotificationList = Json<notifications.NotificationList>;
export type MarkAllRead = Json<notifications.MarkAllRead>;
export type Delegation = Json<delegations.Delegation>;
export type ImportOutcome = Json<orgImport.ImportOutcome>;
