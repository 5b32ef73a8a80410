import { useTranslation } from 'react-i18next';

/**
 * The API and the shared zod schemas say what is wrong with a field in English. The common messages are
 * translated by pattern; anything else is shown as the API wrote it rather than hidden.
 */
const PATTERNS: [RegExp, string][] = [
  [/^is required: the reason for rejecting$/, 'fieldMessage.reasonRequired'],
  [/^is required: the questions for the requester$/, 'fieldMessage.questionsRequired'],
  [/^is required when approving with conditions$/, 'fieldMessage.conditionsRequired'],
  [/^is required unless the employment is permanent$/, 'fieldMessage.endDateRequired'],
  [/^must be left out for a permanent employment$/, 'fieldMessage.endDateNotPermanent'],
  [/^is required$/, 'fieldMessage.required'],
  [/^Required$/, 'fieldMessage.required'],
  [/^must not be empty$/, 'fieldMessage.required'],
  [/^must be a number$/, 'fieldMessage.number'],
  [/^Expected number, received nan$/, 'fieldMessage.number'],
  [/^must be whole kronor$/, 'fieldMessage.wholeKronor'],
  [/^must be more than 0$/, 'fieldMessage.positive'],
  [/^must be between 0\.1 and 1\.0$/, 'fieldMessage.fte'],
  [/^must have at most two decimals$/, 'fieldMessage.twoDecimals'],
  [/^must be a date YYYY-MM-DD$/, 'fieldMessage.date'],
  [/^is not a calendar date$/, 'fieldMessage.date'],
  [/^must be after startDate$/, 'fieldMessage.afterStart'],
  [/^must not be before periodFrom$/, 'fieldMessage.notBeforeFrom'],
  [/^must not be before validFrom$/, 'fieldMessage.notBeforeFrom'],
  [/^must not be in the past \(today is (?<today>[\d-]+)\)$/, 'fieldMessage.notPast'],
  [/^must be at most (?<max>\d+) characters$/, 'fieldMessage.tooLong'],
  [/^must be at most (?<max>\d+) hours$/, 'fieldMessage.tooManyHours'],
  [/^is implausibly large$/, 'fieldMessage.tooLarge'],
  [/^Invalid enum value/, 'fieldMessage.choose'],
  [/^must be a unit id \(uuid\)$/, 'fieldMessage.choose'],
  [/^must be a user id \(uuid\)$/, 'fieldMessage.choose'],
  [/^is not a known unit$/, 'fieldMessage.unknownUnit'],
  [/^is not a known user$/, 'fieldMessage.unknownUser'],
  [/^overlaps an existing period of the same kind$/, 'fieldMessage.overlaps'],
  [
    /^must be on or after (?<date>[\d-]+), the day after the extended period ends$/,
    'fieldMessage.extensionStart',
  ],
  [/^must shorten the period: between (?<from>[\d-]+) and (?<to>[\d-]+)$/, 'fieldMessage.shortenPeriod'],
  [/^must not exceed (?<max>\d+)$/, 'fieldMessage.notExceed'],
  [/^must be someone else$/, 'fieldMessage.someoneElse'],
  [/^must hold [a-z_, ]+ with the same scope$/, 'fieldMessage.mustHold'],
  [/^holds no reviewer role$/, 'fieldMessage.noReviewerRole'],
  [/^must be true or false$/, 'fieldMessage.choose'],
  [/^is already another user's$/, 'fieldMessage.takenByOther'],
  [/^is not an e-mail address$/, 'fieldMessage.email'],
  [/^is no unit or division$/, 'fieldMessage.unknownUnit'],
  [/^[\w-]+ closed on (?<date>[\d-]+)$/, 'fieldMessage.unitClosed'],
  [/^[\w-]+ closes on (?<date>[\d-]+): the role must end by then$/, 'fieldMessage.unitCloses'],
  [/^starts before today \((?<today>[\d-]+)\)$/, 'fieldMessage.notPast'],
  [/^ends \((?<to>[\d-]+)\) before it starts \((?<from>[\d-]+)\)$/, 'fieldMessage.notBeforeFrom'],
  [/^[a-z_]+ over this scope is already held for an overlapping period/, 'fieldMessage.roleOverlaps'],
];

export function useTranslateFieldMessage(): (message: string) => string {
  const { t } = useTranslation();
  return (message) => {
    for (const [pattern, key] of PATTERNS) {
      const match = pattern.exec(message);
      if (match) return t(key, match.groups ?? {});
    }
    return message;
  };
}
