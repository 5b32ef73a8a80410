import { DateTime } from 'luxon';
import type { Outcome } from '@domain/enums';
import { KIND, ROLE, STAGE } from '@domain/labels-sv';
import { requestHeading } from '@domain/request-title';
import {
  isDecisionNotification,
  isNotificationType,
  outcomeNotified,
  type DecisionNotificationType,
  type NotificationType,
} from '@domain/notification-types';

/**
 * The e-mail copy of a notification, in Swedish: one subject and plain-text body per notification type.
 * Pure: everything it says comes from the notification row and the request it concerns.
 */
export interface MailRequest {
  id: string;
  kind: string;
  /** `2026-00042` (libs/domain/case-number.ts). */
  caseNumber: string;
  /** What lists name the request by (libs/domain/request-title.ts): title and form, or supplier and period. */
  title: string;
  unitName: string;
}

export interface NotificationMailInput {
  /** As the notification row has it; a type this code does not know gets a plain notice. */
  type: string;
  data: Record<string, unknown>;
  /** The request the notification concerns; null for notices about review periods and exemptions. */
  request: MailRequest | null;
  /** The absolute address of the page where the reader acts (PUBLIC_URL + notificationPath); null: no link. */
  link?: string | null;
}

export interface RenderedMail {
  subject: string;
  text: string;
}

const FOOTER = 'Det här meddelandet skickades automatiskt av Prövning och går inte att svara på.';

const lookup = <T>(table: Record<string, T>, key: unknown): T | undefined =>
  typeof key === 'string' && Object.hasOwn(table, key) ? table[key] : undefined;
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : undefined);

const kindNoun = (kind: unknown) => lookup(KIND, kind)?.noun ?? 'Ärende';
const kindPlural = (kind: unknown) => lookup(KIND, kind)?.plural ?? String(kind);
const stageName = (stage: unknown) => lookup(STAGE, stage)?.name ?? String(stage ?? 'granskning');
const stageAt = (stage: unknown) => lookup(STAGE, stage)?.at ?? 'vid prövningen';
const stageTask = (stage: unknown) => lookup(STAGE, stage)?.task ?? 'granska';

/** How a mail asks for a stage's work: a review is to be done (granska), a decision to be made (beslut). */
const TASK_WORDS = {
  granska: {
    subject: 'Ärende att granska',
    waiting: (stage: string, role: string) => `Ett ärende väntar på ${stage} av dig som ${role}.`,
  },
  besluta: {
    subject: 'Ärende för beslut',
    waiting: (_stage: string, role: string) => `Ett ärende väntar på ditt beslut som ${role}.`,
  },
} satisfies Record<ReturnType<typeof stageTask>, unknown>;
const taskWords = (stage: unknown) => TASK_WORDS[stageTask(stage)];
const roleName = (role: unknown) => lookup(ROLE, role) ?? String(role);

/**
 * `17 april 2026 kl. 16.00`, Stockholm time, as Swedish running text writes it (a full stop in the time); a plain
 * date is `17 april 2026`. One style for every date in the mails.
 */
export function swedishDateTime(iso: unknown): string {
  if (typeof iso !== 'string') return 'okänd tidpunkt';
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(iso);
  const at = DateTime.fromISO(iso, { zone: 'Europe/Stockholm' }).setLocale('sv');
  if (!at.isValid) return iso;
  return at.toFormat(dateOnly ? 'd MMMM yyyy' : "d MMMM yyyy 'kl.' HH.mm");
}

const sek = (n: unknown) =>
  typeof n === 'number' ? `${n.toLocaleString('sv-SE').replace(/\u00a0/g, ' ')} kr` : undefined;
const days = (n: unknown) => (n === 1 ? '1 dag' : `${String(n)} dagar`);

/** `2026-00042 · Sjuksköterska akutmottagning (tillsvidare)`: case number and title, as the lists name it. */
export function requestSummary(r: MailRequest | null): string {
  if (!r) return 'ärende';
  return requestHeading(r.caseNumber, str(r.title) ?? '');
}

/** The link is on a line of its own, last before the footer, so every mail client makes it clickable. */
function body(
  lines: (string | undefined | false)[],
  request: MailRequest | null,
  link?: string | null,
): string {
  const details = request
    ? ['', `Ärende: ${requestSummary(request)}`, `${kindNoun(request.kind)}, ${request.unitName}`]
    : [];
  const open = link ? ['', request ? 'Öppna ärendet i Prövning:' : 'Öppna i Prövning:', link] : [];
  return [
    'Hej!',
    '',
    ...lines.filter((l): l is string => typeof l === 'string'),
    ...details,
    ...open,
    '',
    FOOTER,
  ]
    .join('\n')
    .concat('\n');
}

type Data = Record<string, unknown>;
type Render = (d: Data, r: MailRequest | null, link?: string | null) => RenderedMail;

/** One decision's mail: `final` when the decision ended the review, `at` where it happened ("vid HR-granskningen"). */
type DecisionRender = (c: {
  summary: string;
  at: string;
  final: boolean;
  extras: Line[];
  /** A return's deadline for completion, in words (`17 april 2026 kl. 16.00`). */
  answerBy?: string;
}) => {
  subject: string;
  lines: Line[];
};
type Line = string | undefined | false;

const DECISION_MAIL: Record<Outcome, DecisionRender> = {
  approve: ({ summary, at, final, extras }) =>
    final
      ? { subject: `Beviljat: ${summary}`, lines: [`Ditt ärende har beviljats ${at}.`, ...extras] }
      : {
          // A stage that decides grants (beviljar) even when more stages follow; tillstyrkt is a recommendation's word.
          subject: `Beviljat ${at}: ${summary}`,
          lines: [`Ditt ärende har beviljats ${at} och går vidare till nästa steg.`, ...extras],
        },
  approve_with_conditions: ({ summary, at, final, extras }) =>
    final
      ? {
          subject: `Beviljat med villkor: ${summary}`,
          lines: [`Ditt ärende har beviljats med villkor ${at}.`, ...extras],
        }
      : {
          subject: `Beviljat med villkor ${at}: ${summary}`,
          lines: [`Ditt ärende har beviljats med villkor ${at} och går vidare till nästa steg.`, ...extras],
        },
  reject: ({ summary, at, extras }) => ({
    subject: `Avslag: ${summary}`,
    lines: [`Ditt ärende har avslagits ${at}.`, ...extras],
  }),
  // A recommendation is never final: the mail says who decides, so no one reads it as a decision.
  recommend_approve: ({ summary, at, extras }) => ({
    subject: `Tillstyrkt ${at}: ${summary}`,
    lines: [`Ditt ärende har tillstyrkts ${at} och går vidare för beslut.`, ...extras],
  }),
  recommend_reject: ({ summary, at, extras }) => ({
    subject: `Avstyrkt ${at}: ${summary}`,
    lines: [
      `Ditt ärende har avstyrkts ${at}. Det är ett yttrande, inte ett beslut: ärendet går vidare för beslut.`,
      ...extras,
    ],
  }),
  return: ({ summary, at, extras, answerBy }) => ({
    subject: `Åter för komplettering: ${summary}`,
    lines: [
      `Ditt ärende har skickats tillbaka för komplettering ${at}.`,
      ...extras,
      answerBy
        ? `Komplettera och skicka in ärendet igen senast ${answerBy}; annars avslutas det.`
        : 'Komplettera och skicka in ärendet igen; annars avslutas det när tiden för komplettering har gått ut.',
    ],
  }),
};

function decisionMail(outcome: Outcome): Render {
  return (d, r, link) => {
    const extras = [
      str(d.conditions) && `Villkor: ${d.conditions}`,
      str(d.approvedPeriodTo) && `Beviljad period till och med: ${swedishDateTime(d.approvedPeriodTo)}`,
      sek(d.approvedCostSek) && `Beviljad kostnad: ${sek(d.approvedCostSek)}`,
      str(d.validUntil) && `Beslutet gäller till och med ${swedishDateTime(d.validUntil)}.`,
      str(d.comment) && `Kommentar: ${d.comment}`,
      str(d.onBehalfOfId) && 'Beslutet fattades av en ersättare.',
    ];
    const { subject, lines } = DECISION_MAIL[outcome]({
      summary: requestSummary(r),
      at: stageAt(d.stage),
      final: d.status !== 'in_review',
      extras,
      answerBy: str(d.answerBy) && swedishDateTime(d.answerBy),
    });
    return { subject, text: body(lines, r, link) };
  };
}

function periodMail(type: 'period_ending' | 'exemption_ending'): Render {
  return (d, _r, link) => {
    const what = type === 'period_ending' ? 'Prövningsperioden' : 'Det generella undantaget';
    const ref = str(d.decisionRef) ? ` (${d.decisionRef})` : '';
    return {
      subject: `${what} för ${kindPlural(d.kind)}${ref} upphör om ${days(d.daysBefore)}`,
      text: body(
        [
          `${what} för ${kindPlural(d.kind)}${ref} gäller till och med ${swedishDateTime(d.validTo)}, om ${days(d.daysBefore)}.`,
          type === 'period_ending'
            ? 'Ingen förlängning är registrerad. Fattas ett beslut om förlängning behöver det registreras i Prövning innan perioden upphör.'
            : 'Det generella undantaget upphör då; ärenden som det omfattar behöver därefter prövas.',
        ],
        null,
        link,
      ),
    };
  };
}

const MAIL: Record<Exclude<NotificationType, DecisionNotificationType>, Render> = {
  stage_opened: (d, r, link) => ({
    subject: `${taskWords(d.stage).subject}: ${requestSummary(r)}`,
    text: body(
      [
        taskWords(d.stage).waiting(stageName(d.stage), roleName(d.role)),
        `Tidsfrist: ${swedishDateTime(d.dueAt)}.`,
        typeof d.round === 'number' && d.round > 1 && 'Ärendet har kompletterats och skickats in igen.',
      ],
      r,
      link,
    ),
  }),
  stage_reminder: (d, r, link) => ({
    subject: `Påminnelse: ärende att pröva senast ${swedishDateTime(d.dueAt)}: ${requestSummary(r)}`,
    text: body(
      [`Ett ärende väntar fortfarande på ditt ställningstagande.`, `Tidsfrist: ${swedishDateTime(d.dueAt)}.`],
      r,
      link,
    ),
  }),
  stage_escalated: (d, r, link) => ({
    subject: `Eskalerat ${taskWords(d.stage).subject.toLowerCase()}: ${requestSummary(r)}`,
    text: body(
      [
        `Tidsfristen för ${stageName(d.stage)} har passerat och ärendet har eskalerats till dig som ${roleName(d.role)}.`,
        `Ny tidsfrist: ${swedishDateTime(d.dueAt)}.`,
      ],
      r,
      link,
    ),
  }),
  stage_overdue: (d, r, link) => ({
    subject: `Försenat: ärende väntar på beslut sedan ${swedishDateTime(d.dueAt)}: ${requestSummary(r)}`,
    text: body(
      [
        `Tidsfristen gick ut ${swedishDateTime(d.dueAt)} och ärendet har ännu inte avgjorts.`,
        'Ärenden beviljas eller avslås aldrig automatiskt: ett beslut behövs.',
      ],
      r,
      link,
    ),
  }),
  return_reminder: (d, r, link) => ({
    subject: `Påminnelse: komplettera ärendet senast ${swedishDateTime(d.dueAt)}: ${requestSummary(r)}`,
    text: body(
      [
        'Ditt ärende väntar på komplettering.',
        `Skicka in det igen senast ${swedishDateTime(d.dueAt)}; annars avslutas ärendet eftersom det inte har kompletterats.`,
      ],
      r,
      link,
    ),
  }),
  withdrawn_not_completed: (_d, r, link) => ({
    subject: `Avslutat, inte kompletterat i tid: ${requestSummary(r)}`,
    text: body(
      [
        'Ditt ärende har avslutats eftersom det inte kompletterades inom tidsfristen.',
        'Vill du fortfarande genomföra det behöver du skicka in ett nytt ärende.',
      ],
      r,
      link,
    ),
  }),
  stage_reassigned: (d, r, link) => ({
    subject: `Ärende tilldelat dig: ${requestSummary(r)}`,
    text: body([`Ett ärende i ${stageName(d.stage)} har tilldelats dig.`], r, link),
  }),
  stage_released: (d, r, link) => ({
    subject: `Ärende tillbaka hos gruppen: ${requestSummary(r)}`,
    text: body(
      [
        `${stageName(d.stage)} var tilldelat en granskare som ${d.reason === 'inactive' ? 'har slutat' : 'inte längre har rollen'}.`,
        'Ärendet ligger nu hos alla som har rollen för steget; tilldela det på nytt om det behövs.',
      ],
      r,
      link,
    ),
  }),
  requester_needed: (d, r, link) => ({
    subject: `Ärende utan beställare: ${requestSummary(r)}`,
    text: body(
      [
        `Beställaren ${d.reason === 'inactive' ? 'har slutat' : 'har inte längre rollen som beställare för enheten'}.`,
        'Välj en annan beställare för enheten under Ärenden utan beställare i Prövning.',
      ],
      r,
      link,
    ),
  }),
  requester_assigned: (_d, r, link) => ({
    subject: `Ärendet är nu ditt: ${requestSummary(r)}`,
    text: body(
      [
        'HR-chefen har flyttat ärendet till dig eftersom den tidigare beställaren inte längre kan svara för det.',
      ],
      r,
      link,
    ),
  }),
  // The texts stay in Prövning: a mail names the request and the stage, never what was asked or answered.
  question_asked: (d, r) => ({
    subject: `Fråga om ditt ärende: ${requestSummary(r)}`,
    text: body(
      [
        `Granskaren i ${stageName(d.stage)} har en fråga om ärendet. Ärendet ligger kvar i steget.`,
        'Läs frågan och svara i Prövning.',
      ],
      r,
    ),
  }),
  question_answered: (d, r) => ({
    subject: `Svar på din fråga: ${requestSummary(r)}`,
    text: body([`Beställaren har svarat på din fråga i ${stageName(d.stage)}.`, 'Läs svaret i Prövning.'], r),
  }),
  period_ending: periodMail('period_ending'),
  exemption_ending: periodMail('exemption_ending'),
};

function renderFor(type: NotificationType): Render {
  if (isDecisionNotification(type)) return decisionMail(outcomeNotified(type)!);
  return MAIL[type];
}

/**
 * A subject on one line: a requester's title or a supplier's name with CR/LF (or any control character) in it
 * would otherwise end the Subject header and write headers of its own into the mail.
 */
export function headerSafe(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
}

function rendered(n: NotificationMailInput): RenderedMail {
  const d = n.data ?? {};
  if (isNotificationType(n.type)) return renderFor(n.type)(d, n.request, n.link);
  return {
    subject: `Ny händelse i Prövning: ${requestSummary(n.request)}`,
    text: body([`Händelse: ${n.type}.`], n.request, n.link),
  };
}

/** The subject and body of the e-mail for one notification row. */
export function renderNotificationMail(n: NotificationMailInput): RenderedMail {
  const mail = rendered(n);
  return { ...mail, subject: headerSafe(mail.subject) };
}
