import { defineUpdate } from '@temporalio/workflow';

/** Answers once the first stage row is committed. */
export const openUpdate = defineUpdate<void>('open');
/** Answers once the next stage row is committed. */
export const decideUpdate = defineUpdate<void>('decide');
