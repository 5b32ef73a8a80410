/**
 * The API and the shared zod schemas say what is wrong with a field in English. The common messages are
 * translated by pattern; anything else is shown as the API wrote it rather than hidden.
 */
export const FIELD_MESSAGE_PATTERNS: [RegExp, string][] = [
  [/^is required: the reason for rejecting$/, 'fieldMessage.reasonRequired'],
  [/^is required: the questions for the requester$/, 'fieldMessage.questionsRequired'],
  [/^is required when approving with conditions$/, 'fieldMessage.conditionsRequired'],
  [/^is required unless the employment is permanent$/, 'fieldMessage.endDateRequired'],
  [/^must be left out for a permanent employment$/, 'fieldMessage.endDateNotPermanent'],
  [/^must be at least 1( business day| hour| day)?$/, 'fieldMessage.atLeastOne'],
  [/^is not a reviewer role$/, 'fieldMessage.notReviewerRole'],
  [/^must be deciding: /, 'fieldMessage.mustDecide'],
  [/^can never hold: /, 'fieldMessage.neverHolds'],
  [/^has the same role and scope as stage (?<n>\d+);/, 'fieldMessage.sameRoleScope'],
  [/^must be today \((?<today>[\d-]+)\) or later$/, 'fieldMessage.notBeforeTodayDate'],
  [/^must be after (?<date>[\d-]+), the start of the latest published version$/, 'fieldMessage.afterLatest'],
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
  // General exemptions (libs/domain/exemptions).
  [/^must be on or before (?<date>[\d-]+), when the review period ends$/, 'fieldMessage.exemptionEnd'],
  [/^no review period of kind [a-z_]+ is in force on this day$/, 'fieldMessage.noPeriod'],
  [/^must not be after today$/, 'fieldMessage.notFuture'],
  [/^must not be before today$/, 'fieldMessage.notBeforeToday'],
  [/^must not be before decidedOn$/, 'fieldMessage.notBeforeDecision'],
  [/^must be on or before (?<date>[\d-]+): the exemption ends anyway$/, 'fieldMessage.revokeEnd'],
  [/^must be a division or unit id \(uuid\)$/, 'fieldMessage.choose'],
  [/^is not a known division or unit$/, 'fieldMessage.unknownUnit'],
  [/^must not be in the past \(today is (?<today>[\d-]+)\)$/, 'fieldMessage.notPast'],
  [/^must be at most (?<max>\d+) characters$/, 'fieldMessage.tooLong'],
  [/^must be at most (?<max>\d+)$/, 'fieldMessage.atMost'],
  [/^must be 0 or more$/, 'fieldMessage.zeroOrMore'],
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
  // The admin's people and roles (libs/domain/role-grants, libs/contracts/people-admin).
  [/^is already another user's$/, 'fieldMessage.takenByOther'],
  [/^is not an e-mail address$/, 'fieldMessage.email'],
  [/^is no unit or division$/, 'fieldMessage.unknownUnit'],
  [/^[\w-]+ closed on (?<date>[\d-]+)$/, 'fieldMessage.unitClosed'],
  [/^[\w-]+ closes on (?<date>[\d-]+): the role must end by then$/, 'fieldMessage.unitCloses'],
  [/^starts before today \((?<today>[\d-]+)\)$/, 'fieldMessage.notPast'],
  [/^[a-z_]+ over this scope is already held for an overlapping period/, 'fieldMessage.roleOverlaps'],
  // The organisation import's row problems (libs/domain/org-import).
  [/^"(?<value>.*)" is not a date \(write YYYY-MM-DD\)$/, 'fieldMessage.importDate'],
  [/^ends \((?<to>[\d-]+)\) before it starts \((?<from>[\d-]+)\)$/, 'fieldMessage.importEndsBefore'],
  [/^is empty$/, 'fieldMessage.required'],
  [/^"(?<value>.*)" is not a code \(letters, digits, - _ \. \/\)$/, 'fieldMessage.importCode'],
  [/^"(?<value>.*)" is not an id \(letters, digits, - _ \. \/\)$/, 'fieldMessage.importId'],
  [/^"(?<value>.*)" is not a level \(division or unit\)$/, 'fieldMessage.importLevel'],
  [/^a division has no parent$/, 'fieldMessage.importDivisionParent'],
  [/^a unit needs the code of its division$/, 'fieldMessage.importUnitParent'],
  [/^"(?<value>.*)" is not an amount in whole kronor$/, 'fieldMessage.importAmount'],
  [/^"(?<value>.*)" is not an e-mail address$/, 'fieldMessage.importEmail'],
  [/^"(?<value>.*)" is not a role \(one of .*\)$/, 'fieldMessage.importRole'],
  [
    /^is empty \(a unit or division code, or (?<region>\S+) for the whole region\)$/,
    'fieldMessage.importScope',
  ],
  [/^has no column \(expected a header "(?<header>.*)"\)$/, 'fieldMessage.importNoColumn'],
  [
    /^"(?<value>.*)" is already on line (?<line>\d+) with another name or e-mail$/,
    'fieldMessage.importIdTwice',
  ],
  [/^"(?<value>.*)" is already on line (?<line>\d+)$/, 'fieldMessage.importCodeTwice'],
  [/^"(?<value>.*)" is no unit in the file or the organisation$/, 'fieldMessage.importUnknownCode'],
  [/^"(?<value>.*)" is a unit, not a division$/, 'fieldMessage.importParentNotDivision'],
  [/^the tree has a cycle: (?<path>.*)$/, 'fieldMessage.importCycle'],
  [
    /^(?<role>\w+) over (?<scope>.+) is already on line (?<line>\d+) for an overlapping period$/,
    'fieldMessage.importRoleTwice',
  ],
  [/^holds no units and no people$/, 'fieldMessage.importEmptyFile'],
  [/^holds no rows: the import replaces the whole organisation$/, 'fieldMessage.importEmptySheet'],
  [
    /^"(?<value>.*)" is already the username of a user without this employee id; give that user the id or choose another$/,
    'fieldMessage.importUsernameTaken',
  ],
  // The organisation's tree as the admin page changes it (libs/domain/org-tree); the import's words above are shared.
  [/^must be a whole number of kronor$/, 'fieldMessage.wholeKronor'],
  [/^must be the id of a division$/, 'fieldMessage.choose'],
  [/^is before today \((?<today>[\d-]+)\)$/, 'fieldMessage.notPast'],
  [/^must not be negative$/, 'orgAdmin.message.negative'],
  [/^must be 1–64 letters, digits or - _ \. \/$/, 'orgAdmin.message.code'],
  [/^a unit needs its division$/, 'orgAdmin.message.unitParent'],
  [/^the parent is a unit, not a division$/, 'orgAdmin.message.parentIsUnit'],
  [/^the parent is no unit in the organisation$/, 'orgAdmin.message.parentUnknown'],
  [/^would make the unit its own parent$/, 'orgAdmin.message.cycle'],
  [/^"(?<code>.+)" is already the code of another unit$/, 'orgAdmin.message.codeTaken'],
  [/^must be on or before (?<date>[\d-]+), when the division closes$/, 'orgAdmin.message.divisionCloses'],
  [
    /^the division has units open after (?<date>[\d-]+): (?<codes>.+); close them first$/,
    'orgAdmin.message.unitsOpen',
  ],
  [/^the unit is already closed \(last day (?<date>[\d-]+)\)$/, 'orgAdmin.message.alreadyClosed'],
];

/** The translation key and its values for an English message, or undefined for one shown as written. */
export function fieldMessageKey(
  message: string,
): { key: string; values: Record<string, string> } | undefined {
  for (const [pattern, key] of FIELD_MESSAGE_PATTERNS) {
    const match = pattern.exec(message);
    if (match) return { key, values: match.groups ?? {} };
  }
  return undefined;
}
