import { NOTIFICATION_TYPES } from '@domain/notification-types';
import {
  renderNotificationMail,
  requestSummary,
  swedishDateTime,
  type MailRequest,
  type NotificationMailInput,
} from '@activities/mail-templates';

function aHire(overrides: Partial<MailRequest> = {}): MailRequest {
  return {
    id: '6f1c1f0e-0000-4000-8000-000000000001',
    kind: 'hire',
    caseNumber: '2026-00042',
    title: 'Sjuksköterska akutmottagning (tillsvidare)',
    unitName: 'Akutmottagningen',
    ...overrides,
  };
}

function aCallOff(overrides: Partial<MailRequest> = {}): MailRequest {
  return aHire({
    kind: 'agency_call_off',
    caseNumber: '2026-00043',
    title: 'Läkarbemanning AB, 1–30 juni 2026',
    ...overrides,
  });
}

const DUE = '2026-04-17T14:00:00.000Z'; // 16:00 in Stockholm (summer time)

/** A realistic notification of `type`, with the data the activities write for it. */
function aNotification(type: string, data: Record<string, unknown> = {}): NotificationMailInput {
  const byType: Record<string, Record<string, unknown>> = {
    stage_opened: { stage: 'hr_review', round: 1, dueAt: DUE, role: 'hr_reviewer' },
    stage_reminder: { stageId: 's1', dueAt: DUE },
    stage_overdue: { stageId: 's1', dueAt: DUE },
    return_reminder: { dueAt: DUE },
    stage_escalated: { stage: 'hr_review', level: 1, role: 'hr_lead', dueAt: DUE },
    decision_approve: { stage: 'director_decision', outcome: 'approve', status: 'approved' },
    decision_approve_with_conditions: {
      stage: 'director_decision',
      outcome: 'approve_with_conditions',
      status: 'approved_with_conditions',
      conditions: 'Längst till och med augusti',
    },
    decision_reject: {
      stage: 'director_decision',
      outcome: 'reject',
      status: 'rejected',
      comment: 'Inryms inte i ramen',
    },
    decision_recommend_approve: { stage: 'hr_review', outcome: 'recommend_approve', status: 'in_review' },
    decision_recommend_reject: {
      stage: 'hr_review',
      outcome: 'recommend_reject',
      status: 'in_review',
      comment: 'Inryms inte i ramen',
    },
    decision_return: {
      stage: 'hr_review',
      outcome: 'return',
      status: 'returned',
      comment: 'Bifoga kostnadskalkyl',
    },
    withdrawn_not_completed: { status: 'withdrawn', reason: 'not_completed' },
    stage_reassigned: { stage: 'hr_review', stageId: 's1', toUserId: 'u1' },
    period_ending: {
      periodId: 'p1',
      kind: 'hire',
      validTo: '2026-06-30',
      decisionRef: 'HSN/1895/2025',
      daysBefore: 14,
    },
    exemption_ending: {
      periodId: 'e1',
      kind: 'agency_call_off',
      validTo: '2026-06-30',
      decisionRef: 'HSN/77/2026',
      daysBefore: 1,
    },
  };
  const aboutRequest = !['period_ending', 'exemption_ending'].includes(type);
  return { type, data: { ...byType[type], ...data }, request: aboutRequest ? aHire() : null };
}

describe('renderNotificationMail', () => {
  it.each(NOTIFICATION_TYPES)('has a Swedish subject and body of its own for %s', (type) => {
    const mail = renderNotificationMail(aNotification(type));
    expect(mail.subject).not.toMatch(/Ny händelse/);
    expect(mail.subject.length).toBeGreaterThan(10);
    expect(mail.subject).not.toMatch(/undefined|null|\[object/);
    expect(mail.text).not.toMatch(/undefined|null|\[object/);
    expect(mail.text.startsWith('Hej!\n')).toBe(true);
    expect(mail.text).toMatch(/skickades automatiskt av Prövning/);
    expect(mail.subject).not.toContain('\n');
  });

  it('names the request in the subject and the body of every mail about one', () => {
    for (const type of NOTIFICATION_TYPES.filter((t) => !t.endsWith('_ending'))) {
      const mail = renderNotificationMail(aNotification(type));
      expect(mail.subject).toContain('2026-00042 · Sjuksköterska akutmottagning (tillsvidare)');
      expect(mail.text).toContain('Ärende: 2026-00042 · Sjuksköterska akutmottagning (tillsvidare)');
      expect(mail.text).toContain('Anställning, Akutmottagningen');
    }
  });

  it('ends with the link to the page where the reader acts, when there is one', () => {
    const link = 'https://provning.region.se/review/6f1c1f0e-0000-4000-8000-000000000001';
    const mail = renderNotificationMail({ ...aNotification('stage_opened'), link });
    expect(mail.text).toContain(`Öppna ärendet i Prövning:\n${link}\n`);
    expect(mail.text.indexOf(link)).toBeLessThan(mail.text.indexOf('skickades automatiskt'));
    const period = renderNotificationMail({
      ...aNotification('period_ending'),
      link: 'https://p.se/periods',
    });
    expect(period.text).toContain('Öppna i Prövning:\nhttps://p.se/periods\n');
    expect(renderNotificationMail(aNotification('stage_opened')).text).not.toContain('Öppna');
  });

  it('tells the requester by when a returned request must be completed', () => {
    const mail = renderNotificationMail(
      aNotification('decision_return', { answerBy: '2026-04-17T14:00:00.000Z' }),
    );
    expect(mail.subject).toBe(
      'Åter för komplettering: 2026-00042 · Sjuksköterska akutmottagning (tillsvidare)',
    );
    expect(mail.text).toContain('Komplettera och skicka in ärendet igen senast 17 april 2026 kl. 16.00');
    expect(mail.text).toContain('vid HR-granskningen');
  });

  it('asks the HR reviewer to review a new stage by its deadline in Stockholm time', () => {
    const mail = renderNotificationMail(aNotification('stage_opened'));
    expect(mail.subject).toBe('Ärende att granska: 2026-00042 · Sjuksköterska akutmottagning (tillsvidare)');
    expect(mail.text).toContain('Ett ärende väntar på HR-granskning av dig som HR-partner.');
    expect(mail.text).toContain('Tidsfrist: 17 april 2026 kl. 16.00.');
  });

  it('asks a director to decide, and says when a request came back after completion', () => {
    const mail = renderNotificationMail(
      aNotification('stage_opened', { stage: 'director_decision', role: 'director', round: 2 }),
    );
    // language.md: a decision is asked for as "Ärende för beslut", and the director as "ditt beslut som divisionschef".
    expect(mail.subject).toMatch(/^Ärende för beslut: /);
    expect(mail.text).toContain('Ett ärende väntar på ditt beslut som divisionschef.');
    expect(mail.text).toContain('kompletterats och skickats in igen');
  });

  it('tells the requester a final approval, with its validity', () => {
    const mail = renderNotificationMail(aNotification('decision_approve', { validUntil: '2026-07-16' }));
    expect(mail.subject).toBe('Beviljat: 2026-00042 · Sjuksköterska akutmottagning (tillsvidare)');
    expect(mail.text).toContain('Beslutet gäller till och med 16 juli 2026.');
  });

  it('says where a decision was made, not "i divisionschefens beslut" (language.md)', () => {
    const approved = renderNotificationMail(
      aNotification('decision_approve', { stage: 'director_decision', status: 'approved' }),
    );
    expect(approved.text).toContain('Ditt ärende har beviljats vid divisionschefens prövning.');
    const returned = renderNotificationMail(aNotification('decision_return', { stage: 'hr_review' }));
    expect(returned.text).toContain('skickats tillbaka för komplettering vid HR-granskningen.');
    expect(`${approved.text}${returned.text}`).not.toMatch(/ i (HR-granskning|divisionschefens beslut)/);
  });

  it('tells the requester an approval at one stage is not yet the final decision', () => {
    const mail = renderNotificationMail(
      aNotification('decision_approve', { stage: 'hr_review', status: 'in_review' }),
    );
    // A deciding stage grants; tillstyrkt is a recommendation's word (language.md).
    expect(mail.subject).toMatch(/^Beviljat vid HR-granskningen: /);
    expect(mail.text).toContain('går vidare till nästa steg');
  });

  it('tells the requester a recommendation is not a decision, with its reasoning', () => {
    const approved = renderNotificationMail(
      aNotification('decision_recommend_approve', { stage: 'hr_review', status: 'in_review' }),
    );
    expect(approved.subject).toMatch(/^Tillstyrkt vid HR-granskningen: /);
    expect(approved.text).toContain('går vidare för beslut');
    const rejected = renderNotificationMail(
      aNotification('decision_recommend_reject', { stage: 'hr_review', status: 'in_review' }),
    );
    expect(rejected.subject).toMatch(/^Avstyrkt vid HR-granskningen: /);
    expect(rejected.text).toContain('ett yttrande, inte ett beslut');
    expect(rejected.text).toContain('Kommentar: Inryms inte i ramen');
    expect(rejected.text).not.toMatch(/beviljat|avslag/i);
  });

  it('gives the conditions, the shortened period and the lower cost of a conditional approval', () => {
    const mail = renderNotificationMail({
      ...aNotification('decision_approve_with_conditions', {
        approvedPeriodTo: '2026-05-31',
        approvedCostSek: 185000,
      }),
      request: aCallOff(),
    });
    expect(mail.subject).toBe('Beviljat med villkor: 2026-00043 · Läkarbemanning AB, 1–30 juni 2026');
    expect(mail.text).toContain('Villkor: Längst till och med augusti');
    expect(mail.text).toContain('Beviljad period till och med: 31 maj 2026');
    expect(mail.text).toContain('Beviljad kostnad: 185 000 kr');
  });

  it('gives the reason for a rejection and the questions of a return', () => {
    const rejected = renderNotificationMail(aNotification('decision_reject'));
    expect(rejected.subject).toMatch(/^Avslag: /);
    expect(rejected.text).toContain('Kommentar: Inryms inte i ramen');
    const returned = renderNotificationMail(aNotification('decision_return'));
    expect(returned.subject).toMatch(/^Åter för komplettering: /);
    expect(returned.text).toContain('Kommentar: Bifoga kostnadskalkyl');
    expect(returned.text).toContain('Komplettera och skicka in ärendet igen');
  });

  it('tells reviewers about escalations, reminders and overdue stages with the deadline', () => {
    expect(renderNotificationMail(aNotification('stage_escalated')).text).toContain(
      'eskalerats till dig som HR-chef',
    );
    expect(renderNotificationMail(aNotification('stage_reminder')).subject).toMatch(
      /^Påminnelse: ärende att pröva senast 17 april 2026 kl\. 16\.00: /,
    );
    expect(renderNotificationMail(aNotification('stage_overdue')).text).toContain(
      'beviljas eller avslås aldrig automatiskt',
    );
    expect(
      renderNotificationMail(
        aNotification('stage_escalated', { stage: 'director_decision', role: 'executive' }),
      ).subject,
    ).toMatch(/^Eskalerat ärende för beslut: /);
    expect(renderNotificationMail(aNotification('return_reminder')).text).toContain(
      'annars avslutas ärendet eftersom det inte har kompletterats',
    );
    expect(renderNotificationMail(aNotification('return_reminder')).subject).toMatch(
      /^Påminnelse: komplettera ärendet senast 17 april 2026 kl\. 16\.00: /,
    );
  });

  it('warns about a lapsing review period and exemption by kind, reference and days left', () => {
    expect(renderNotificationMail(aNotification('period_ending')).subject).toBe(
      'Prövningsperioden för anställningar (HSN/1895/2025) upphör om 14 dagar',
    );
    const exemption = renderNotificationMail(aNotification('exemption_ending'));
    expect(exemption.subject).toBe(
      'Det generella undantaget för avrop av hyrbemanning (HSN/77/2026) upphör om 1 dag',
    );
    expect(exemption.text).toContain('gäller till och med 30 juni 2026');
    expect(exemption.text).not.toContain('Ärende:');
  });

  it('keeps every subject on one line, whatever the requester typed', () => {
    const hostile = 'Sjuksköterska\r\nBcc: alla@region.se\r\n\r\nKlicka här';
    for (const type of NOTIFICATION_TYPES.filter((t) => !t.endsWith('_ending'))) {
      const n = aNotification(type);
      const mail = renderNotificationMail({
        ...n,
        request: { ...n.request!, title: hostile, unitName: 'Akut\nmottagningen' },
      });
      expect(mail.subject).not.toMatch(/[\r\n]/);
      expect(mail.subject).toContain('Sjuksköterska Bcc: alla@region.se Klicka här');
    }
  });

  it('still says something useful about an unknown type or a request it could not load', () => {
    const mail = renderNotificationMail({ type: 'something_new', data: {}, request: null });
    expect(mail.subject).toBe('Ny händelse i Prövning: ärende');
    expect(mail.text).toContain('something_new');
    expect(renderNotificationMail({ ...aNotification('stage_opened'), request: null }).subject).toBe(
      'Ärende att granska: ärende',
    );
  });
});

describe('swedishDateTime and requestSummary', () => {
  it('shows instants in Stockholm time, winter and summer, and leaves dates as they are', () => {
    expect(swedishDateTime('2026-01-15T15:00:00.000Z')).toBe('15 januari 2026 kl. 16.00');
    expect(swedishDateTime('2026-06-30T22:30:00.000Z')).toBe('1 juli 2026 kl. 00.30');
    expect(swedishDateTime('2026-06-30')).toBe('30 juni 2026');
    expect(swedishDateTime(undefined)).toBe('okänd tidpunkt');
  });

  it('names a request by its case number and title, as the lists do', () => {
    expect(requestSummary(aCallOff())).toBe('2026-00043 · Läkarbemanning AB, 1–30 juni 2026');
    expect(requestSummary(aHire())).toBe('2026-00042 · Sjuksköterska akutmottagning (tillsvidare)');
  });
});
