import type { BulkRefusalCode } from '@contracts/bulk-decisions';

/**
 * The bulk decision's words, in both languages, beside the component that uses them (issue 21). Kept out of the
 * main dictionaries so English still loads as its own chunk; `en` has the Swedish shape, so neither lacks a text.
 */
const sv = {
  select: (name: string) => `Välj ${name}`,
  otherStage: 'Kan inte väljas tillsammans med ärenden i ett annat steg.',
  selectAll: (stage: string, count: number) => `Välj alla i steget ${stage} (${count})`,
  selectionTitle: 'Beslut för flera ärenden',
  selected: (count: number, stage: string) =>
    `${count} ${count === 1 ? 'ärende valt' : 'ärenden valda'} i steget ${stage}.`,
  onlyOneStage: 'Du kan bara välja ärenden i samma steg.',
  comment: 'Kommentar (gäller alla valda ärenden)',
  approve: (count: number) => `Bevilja valda (${count})`,
  recommend: (count: number) => `Tillstyrk valda (${count})`,
  clear: 'Avmarkera alla',
  confirmApprove: (count: number) =>
    `Bevilja ${count} ${count === 1 ? 'ärende' : 'ärenden'}? Varje ärende beslutas för sig.`,
  confirmRecommend: (count: number) =>
    `Tillstyrk ${count} ${count === 1 ? 'ärende' : 'ärenden'}? Varje ärende prövas för sig.`,
  confirm: 'Ja, bekräfta',
  cancel: 'Avbryt',
  working: 'Beslutar …',
  resultTitle: 'Resultat per ärende',
  summary: (decided: number, refused: number) =>
    `${decided} ${decided === 1 ? 'ärende beslutat' : 'ärenden beslutade'}, ${refused} ${refused === 1 ? 'avvisat' : 'avvisade'}.`,
  decided: 'Beslutat',
  recommended: 'Tillstyrkt',
  refused: 'Avvisat',
  close: 'Stäng resultatet',
  reasons: {
    validation_failed: 'Beslutet har ogiltiga uppgifter.',
    not_allowed: 'Du får inte besluta i det här ärendet.',
    not_found: 'Ärendet finns inte eller ligger utanför ditt ansvarsområde.',
    stage_not_open: 'Steget är inte längre öppet: ärendet har redan beslutats eller gått vidare.',
    conflict: 'Ärendet ändrades samtidigt. Försök igen.',
    invalid_state: 'Prövningen av ärendet är avslutad.',
    unprocessable: 'Steget tar inte emot det här beslutet.',
    review_engine_unavailable: 'Prövningstjänsten svarar inte just nu. Försök igen om en stund.',
    internal_error: 'Något gick fel hos oss. Felet är loggat.',
  } satisfies Record<BulkRefusalCode, string>,
};

const en: typeof sv = {
  select: (name) => `Select ${name}`,
  otherStage: 'Cannot be selected together with requests at another stage.',
  selectAll: (stage, count) => `Select all at the ${stage} stage (${count})`,
  selectionTitle: 'Decision on several requests',
  selected: (count, stage) =>
    `${count} ${count === 1 ? 'request' : 'requests'} selected at the ${stage} stage.`,
  onlyOneStage: 'You can only select requests at the same stage.',
  comment: 'Comment (recorded with every selected request)',
  approve: (count) => `Approve selected (${count})`,
  recommend: (count) => `Recommend selected (${count})`,
  clear: 'Clear selection',
  confirmApprove: (count) =>
    `Approve ${count} ${count === 1 ? 'request' : 'requests'}? Each is decided on its own.`,
  confirmRecommend: (count) =>
    `Recommend approval of ${count} ${count === 1 ? 'request' : 'requests'}? Each is decided on its own.`,
  confirm: 'Yes, confirm',
  cancel: 'Cancel',
  working: 'Deciding …',
  resultTitle: 'Result per request',
  summary: (decided, refused) => `${decided} decided, ${refused} refused.`,
  decided: 'Decided',
  recommended: 'Recommended',
  refused: 'Refused',
  close: 'Close the result',
  reasons: {
    validation_failed: 'The decision has invalid fields.',
    not_allowed: 'You may not decide this request.',
    not_found: 'The request does not exist or is outside your scope.',
    stage_not_open: 'The stage is no longer open: the request was already decided or has moved on.',
    conflict: 'The request changed at the same time. Try again.',
    invalid_state: 'The review of this request has finished.',
    unprocessable: 'The stage does not take this decision.',
    review_engine_unavailable: 'The review service is not answering right now. Try again shortly.',
    internal_error: 'Something went wrong on our side; it has been logged.',
  },
};

export type BulkTexts = typeof sv;
export const bulkTexts = (language: string): BulkTexts => (language.startsWith('en') ? en : sv);
