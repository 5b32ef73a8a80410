import { DateTime } from 'luxon';
import { CATEGORY, KIND, ROLE, STAGE } from '@domain/labels-sv';

/**
 * The e-mail copy of a notification, in Swedish: one subject and plain-text body per notification type.
 * Pure: everything it says comes from the notification row and the request it concerns.
 */
export interface MailRequest {
  id: string;
  kind: string;
  /** A hire's position title; call-offs have none. */
  title: string | null;
  occupationalCategory: string;
  unitName: string;
  /** A call-off's supplier. */
  supplier: string | null;
}

export interface NotificationMailInput {
  type: string;
  data: Record<string, unknown>;
  /** The request the notification concerns; null for notices about review periods and exemptions. */
  request: MailRequest | null;
}

export interface RenderedMail {
  subject: string;
  text: string;
}

export const NOTIFICATION_TYPES = [
  'stage_opened',
  'stage_reminder',
  'stage_escalated',
  'stage_overdue',
  'return_reminder',
  'decision_approve',
  'decision_approve_with_conditions',
  'decision_reject',
  'decision_return',
  'withdrawn_not_completed',
  'stage_reassigned',
  'period_ending',
  'exemption_ending',
] as const;
export type NotificationType = (typeof NOTIFICATION_TYPES)[number];

const FOOTER = 'Det här meddelandet skickades automatiskt av Prövning och går inte att svara på.';

const lookup = <T>(table: Record<string, T>, key: unknown): T | undefined =>
  typeof key === 'string' && Object.hasOwn(table, key) ? table[key] : undefined;
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : undefined);

const kindNoun = (kind: unknown) => lookup(KIND, kind)?.noun ?? 'Ärende';
const kindPlural = (kind: unknown) => lookup(KIND, kind)?.plural ?? String(kind);
const stageName = (stage: unknown) => lookup(STAGE, stage)?.name ?? String(stage ?? 'granskning');
const stageTask = (stage: unknown) => lookup(STAGE, stage)?.task ?? 'granska';
const roleName = (role: unknown) => lookup(ROLE, role) ?? String(role);

/** `2026-04-17 kl. 16:00`, Stockholm time; a plain date stays as it is. */
export function swedishDateTime(iso: unknown): string {
  if (typeof iso !== 'string') return 'okänd tidpunkt';
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso;
  const at = DateTime.fromISO(iso, { zone: 'Europe/Stockholm' });
  return at.isValid ? at.toFormat("yyyy-MM-dd 'kl.' HH:mm") : iso;
}

const sek = (n: unknown) =>
  typeof n === 'number' ? `${n.toLocaleString('sv-SE').replace(/\u00a0/g, ' ')} kr` : undefined;
const days = (n: unknown) => (n === 1 ? '1 dag' : `${String(n)} dagar`);

/** `Anställning: Sjuksköterska akutmottagning, Akutmottagningen`. */
export function requestSummary(r: MailRequest | null): string {
  if (!r) return 'ärende';
  const what =
    str(r.title) ??
    [lookup(CATEGORY, r.occupationalCategory) ?? r.occupationalCategory, r.supplier && `via ${r.supplier}`]
      .filter(Boolean)
      .join(' ');
  return `${kindNoun(r.kind)}: ${what}, ${r.unitName}`;
}

function body(lines: (string | undefined | false)[], request: MailRequest | null): string {
  const details = request ? ['', `Ärende: ${requestSummary(request)}`, `Ärende-id: ${request.id}`] : [];
  return ['Hej!', '', ...lines.filter((l): l is string => typeof l === 'string'), ...details, '', FOOTER]
    .join('\n')
    .concat('\n');
}

function decisionMail(
  type: NotificationType,
  d: Record<string, unknown>,
  r: MailRequest | null,
): RenderedMail {
  const summary = requestSummary(r);
  const stage = stageName(d.stage);
  const final = d.status !== 'in_review';
  const extras = [
    str(d.conditions) && `Villkor: ${d.conditions}`,
    str(d.approvedPeriodTo) && `Godkänd period till och med: ${d.approvedPeriodTo}`,
    sek(d.approvedCostSek) && `Godkänd kostnad: ${sek(d.approvedCostSek)}`,
    str(d.validUntil) && `Beslutet gäller till och med ${d.validUntil}.`,
    str(d.comment) && `Kommentar: ${d.comment}`,
    str(d.onBehalfOfId) && 'Beslutet fattades av en ersättare.',
  ];
  switch (type) {
    case 'decision_approve':
      return final
        ? {
            subject: `Beviljat: ${summary}`,
            text: body([`Ditt ärende har beviljats i ${stage}.`, ...extras], r),
          }
        : {
            subject: `Tillstyrkt i ${stage}: ${summary}`,
            text: body(
              [`Ditt ärende har tillstyrkts i ${stage} och går vidare till nästa steg.`, ...extras],
              r,
            ),
          };
    case 'decision_approve_with_conditions':
      return final
        ? {
            subject: `Beviljat med villkor: ${summary}`,
            text: body([`Ditt ärende har beviljats med villkor i ${stage}.`, ...extras], r),
          }
        : {
            subject: `Tillstyrkt med villkor i ${stage}: ${summary}`,
            text: body(
              [
                `Ditt ärende har tillstyrkts med villkor i ${stage} och går vidare till nästa steg.`,
                ...extras,
              ],
              r,
            ),
          };
    case 'decision_reject':
      return {
        subject: `Avslag: ${summary}`,
        text: body([`Ditt ärende har avslagits i ${stage}.`, ...extras], r),
      };
    default:
      return {
        subject: `Åter för komplettering: ${summary}`,
        text: body(
          [
            `Ditt ärende har skickats tillbaka för komplettering från ${stage}.`,
            ...extras,
            'Komplettera och skicka in ärendet igen; annars avslutas det när tiden för komplettering har gått ut.',
          ],
          r,
        ),
      };
  }
}

/** The subject and body of the e-mail for one notification row. */
export function renderNotificationMail(n: NotificationMailInput): RenderedMail {
  const d = n.data ?? {};
  const r = n.request;
  const summary = requestSummary(r);
  const type = n.type as NotificationType;
  switch (type) {
    case 'stage_opened':
      return {
        subject: `Ärende att ${stageTask(d.stage)}: ${summary}`,
        text: body(
          [
            `Ett ärende väntar på ${stageName(d.stage)} av dig som ${roleName(d.role)}.`,
            `Sista dag: ${swedishDateTime(d.dueAt)}.`,
            typeof d.round === 'number' && d.round > 1 && 'Ärendet har kompletterats och skickats in igen.',
          ],
          r,
        ),
      };
    case 'stage_reminder':
      return {
        subject: `Påminnelse: ärende väntar på dig senast ${swedishDateTime(d.dueAt)}: ${summary}`,
        text: body(
          [
            `Ett ärende väntar fortfarande på ditt ställningstagande.`,
            `Sista dag: ${swedishDateTime(d.dueAt)}.`,
          ],
          r,
        ),
      };
    case 'stage_escalated':
      return {
        subject: `Eskalerat ärende att ${stageTask(d.stage)}: ${summary}`,
        text: body(
          [
            `Tidsfristen för ${stageName(d.stage)} har passerat och ärendet har eskalerats till dig som ${roleName(d.role)}.`,
            `Ny sista dag: ${swedishDateTime(d.dueAt)}.`,
          ],
          r,
        ),
      };
    case 'stage_overdue':
      return {
        subject: `Försenat: ärende väntar på beslut sedan ${swedishDateTime(d.dueAt)}: ${summary}`,
        text: body(
          [
            `Tidsfristen gick ut ${swedishDateTime(d.dueAt)} och ärendet har ännu inte avgjorts.`,
            'Ärenden godkänns eller avslås aldrig automatiskt: ett beslut behövs.',
          ],
          r,
        ),
      };
    case 'return_reminder':
      return {
        subject: `Påminnelse: komplettera ärendet senast ${swedishDateTime(d.dueAt)}: ${summary}`,
        text: body(
          [
            'Ditt ärende väntar på komplettering.',
            `Skicka in det igen senast ${swedishDateTime(d.dueAt)}; annars avslutas det som inte kompletterat.`,
          ],
          r,
        ),
      };
    case 'decision_approve':
    case 'decision_approve_with_conditions':
    case 'decision_reject':
    case 'decision_return':
      return decisionMail(type, d, r);
    case 'withdrawn_not_completed':
      return {
        subject: `Avslutat, inte kompletterat i tid: ${summary}`,
        text: body(
          [
            'Ditt ärende har avslutats eftersom det inte kompletterades inom tidsfristen.',
            'Vill du fortfarande genomföra det behöver du skicka in ett nytt ärende.',
          ],
          r,
        ),
      };
    case 'stage_reassigned':
      return {
        subject: `Ärende tilldelat dig: ${summary}`,
        text: body([`Ett ärende i ${stageName(d.stage)} har tilldelats dig.`], r),
      };
    case 'period_ending':
    case 'exemption_ending': {
      const what = type === 'period_ending' ? 'Prövningsperioden' : 'Dispensen';
      const ref = str(d.decisionRef) ? ` (${d.decisionRef})` : '';
      return {
        subject: `${what} för ${kindPlural(d.kind)}${ref} upphör om ${days(d.daysBefore)}`,
        text: body(
          [
            `${what} för ${kindPlural(d.kind)}${ref} gäller till och med ${swedishDateTime(d.validTo)}, om ${days(d.daysBefore)}.`,
            type === 'period_ending'
              ? 'Ingen förlängning är registrerad. Fattas ett beslut om förlängning behöver det registreras i Prövning innan perioden upphör.'
              : 'Dispensen upphör då; ärenden som den täcker behöver därefter prövas.',
          ],
          null,
        ),
      };
    }
    default:
      return {
        subject: `Ny händelse i Prövning: ${summary}`,
        text: body([`Händelse: ${n.type}.`], r),
      };
  }
}
