import type { OccupationalCategory, RequestKind, Role, StageName } from './enums';
import { capitalised, mapValues, type DomainLabels } from './labels';

/**
 * Swedish, as the board papers use it. First the words as they stand in running text (lower case where Swedish
 * writes them so): the e-mails and the CSV for the board's monthly report use these. Then LABELS_SV, the Swedish
 * catalogue of every enumeration, which the web UI mounts (apps/web/src/i18n/sv.ts); its labels for kinds,
 * stages, roles and categories are the running-text words with a capital.
 */
export const KIND: Record<RequestKind, { noun: string; plural: string }> = {
  hire: { noun: 'Anställning', plural: 'anställningar' },
  agency_call_off: { noun: 'Avrop av hyrbemanning', plural: 'avrop av hyrbemanning' },
};

/**
 * Each stage in running text: its name, the task it asks of its reviewer, and where an outcome happened ("vid
 * HR-granskningen"): "beviljats i divisionschefens beslut" reads wrong, and the decider may be whoever the stage
 * escalated to, so a decision stage is named by its review, not by a person.
 */
export const STAGE: Record<StageName, { name: string; task: 'granska' | 'besluta'; at: string }> = {
  hr_review: { name: 'HR-granskning', task: 'granska', at: 'vid HR-granskningen' },
  staffing_review: { name: 'bemanningsgranskning', task: 'granska', at: 'vid bemanningsgranskningen' },
  director_decision: {
    name: 'divisionschefens beslut',
    task: 'besluta',
    at: 'vid divisionschefens prövning',
  },
  executive_decision: {
    name: 'hälso- och sjukvårdsdirektörens beslut',
    task: 'besluta',
    at: 'vid hälso- och sjukvårdsdirektörens prövning',
  },
};

export const ROLE: Record<Role, string> = {
  requester: 'enhetschef',
  hr_reviewer: 'HR-partner',
  hr_lead: 'HR-chef',
  director: 'divisionschef',
  executive: 'hälso- och sjukvårdsdirektör',
  follow_up: 'uppföljare',
  admin: 'administratör',
};

/** Each role in the definite form, for running text. */
export const ROLE_DEFINITE: Record<Role, string> = {
  requester: 'enhetschefen',
  hr_reviewer: 'HR-partnern',
  hr_lead: 'HR-chefen',
  director: 'divisionschefen',
  executive: 'hälso- och sjukvårdsdirektören',
  follow_up: 'uppföljaren',
  admin: 'administratören',
};

export const CATEGORY: Record<OccupationalCategory, string> = {
  physician: 'läkare',
  nurse: 'sjuksköterska',
  specialist_nurse: 'specialistsjuksköterska',
  midwife: 'barnmorska',
  assistant_nurse: 'undersköterska',
  mental_health_carer: 'skötare',
  physiotherapist: 'fysioterapeut',
  occupational_therapist: 'arbetsterapeut',
  psychologist: 'psykolog',
  social_worker: 'kurator',
  biomedical_scientist: 'biomedicinsk analytiker',
  radiographer: 'röntgensjuksköterska',
  dentist: 'tandläkare',
  dental_hygienist: 'tandhygienist',
  dental_nurse: 'tandsköterska',
  medical_secretary: 'medicinsk sekreterare',
  manager: 'chef',
  other: 'övrig',
};

export const LABELS_SV: DomainLabels = {
  role: mapValues(ROLE, capitalised),
  roleInText: ROLE_DEFINITE,
  kind: mapValues(KIND, (k) => k.noun),
  kindPlural: mapValues(KIND, (k) => capitalised(k.plural)),
  stage: mapValues(STAGE, (s) => capitalised(s.name)),
  stageInText: mapValues(STAGE, (s) => s.name),
  stageAt: mapValues(STAGE, (s) => s.at),
  category: mapValues(CATEGORY, capitalised),
  status: {
    in_review: 'Under prövning',
    returned: 'Åter för komplettering',
    approved: 'Beviljad',
    approved_with_conditions: 'Beviljad med villkor',
    rejected: 'Avslagen',
    withdrawn: 'Återtagen',
    not_required: 'Ingen prövning krävs',
    exempted: 'Generellt undantagen',
  },
  withdrawnAs: { by_requester: 'Återtagen', not_completed: 'Avslutad – ej kompletterad' },
  outcome: {
    approve: 'Bevilja',
    approve_with_conditions: 'Bevilja med villkor',
    reject: 'Avslå',
    recommend_approve: 'Tillstyrk',
    recommend_reject: 'Avstyrk',
    return: 'Skicka tillbaka för komplettering',
  },
  outcomeDone: {
    approve: 'beviljat',
    approve_with_conditions: 'beviljat med villkor',
    reject: 'avslaget',
    recommend_approve: 'tillstyrkt',
    recommend_reject: 'avstyrkt',
    return: 'skickat tillbaka för komplettering',
  },
  stageOutcome: {
    // A decision is beviljad/avslagen; only a recommending stage's outcome is tillstyrkt/avstyrkt (language.md).
    approve: 'Beviljad',
    approve_with_conditions: 'Beviljad med villkor',
    reject: 'Avslagen',
    recommend_approve: 'Tillstyrkt',
    recommend_reject: 'Avstyrkt',
    return: 'Skickad tillbaka',
    withdrawn: 'Återtagen',
    closed: 'Avslutad',
  },
  employmentForm: {
    permanent: 'Tillsvidareanställning',
    fixed_term: 'Särskild visstidsanställning',
    substitute: 'Vikariat',
    hourly: 'Timanställning',
  },
  hireAlternative: {
    redistribution: 'Omfördelning av personal inom verksamheten',
    internal_pool: 'Intern bemanningspool',
  },
  callOffAlternative: {
    internal_pool: 'Intern bemanningspool',
    overtime: 'Övertid eller extra pass för egen personal',
    neighbouring_unit: 'Lån av personal från närliggande enhet',
    recruitment_under_way: 'Rekrytering pågår',
  },
  reason: {
    vacancy: 'Vakans',
    sick_leave: 'Sjukfrånvaro',
    parental_leave: 'Föräldraledighet',
    holiday_season: 'Semesterperiod',
    competence_gap: 'Kompetensbrist',
  },
  notification: {
    stage_opened: 'Nytt ärende att pröva: {{stage}}',
    stage_reminder: 'Påminnelse: ärende väntar på {{stage}}',
    stage_escalated: 'Eskalerat ärende: {{stage}} har passerat tidsfristen',
    stage_overdue: 'Tidsfristen har passerat: {{stage}}',
    return_reminder: 'Påminnelse: ditt ärende väntar på komplettering',
    decision_approve: 'Beslut: beviljat {{at}}',
    decision_approve_with_conditions: 'Beslut: beviljat med villkor {{at}}',
    decision_reject: 'Beslut: avslaget {{at}}',
    decision_recommend_approve: 'Yttrande: tillstyrkt {{at}}',
    decision_recommend_reject: 'Yttrande: avstyrkt {{at}}',
    decision_return: 'Ditt ärende har skickats tillbaka för komplettering',
    withdrawn_not_completed: 'Ditt ärende avslutades eftersom det inte kompletterades i tid',
    stage_reassigned: 'Ett ärende har lämnats över till dig: {{stage}}',
    stage_released: 'Ett tilldelat ärende är tillbaka hos gruppen: {{stage}}',
    requester_needed: 'Ett ärende behöver en ny beställare',
    requester_assigned: 'Ett ärende har flyttats till dig som beställare',
    question_asked: 'En fråga om ditt ärende: {{stage}}',
    question_answered: 'Din fråga har besvarats: {{stage}}',
    period_ending: 'En prövningsperiod upphör snart utan beslutad förlängning',
    exemption_ending: 'Ett generellt undantag upphör snart',
  },
  decisionEvent: {
    approve: '{{stage}}: beviljad.',
    approve_with_conditions: '{{stage}}: beviljad med villkor.',
    reject: '{{stage}}: avslagen.',
    recommend_approve: '{{stage}}: tillstyrkt.',
    recommend_reject: '{{stage}}: avstyrkt.',
    return: '{{stage}}: skickad tillbaka för komplettering.',
  },
};
