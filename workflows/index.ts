export { staffingReviewWorkflow } from './staffing-review.workflow';
export { reviewPeriodWatchWorkflow } from './period-watch.workflow';
export { boardReportWorkflow } from './board-report.workflow';
export { mailOutboxWorkflow } from './mail-outbox.workflow';
