/**
 * The hook a deactivation or a role end calls after it committed, with the users it touched: their open work
 * (stages waiting on them, delegations to them) is handed on elsewhere (the leavers' handling). Optional: without
 * a provider nothing more happens.
 */
export const PEOPLE_CHANGED = Symbol('PEOPLE_CHANGED');
export type PeopleChanged = (userIds: string[]) => Promise<void>;
