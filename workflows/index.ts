export { staffingReviewWorkflow } from './staffing-review.workflow';
