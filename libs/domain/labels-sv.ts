import type { OccupationalCategory, RequestKind, Role, StageName } from './enums';

/**
 * The Swedish words for the domain's enumerations, as the board papers use them: e-mails, the CSV for the
 * board's monthly report, anything written in Swedish outside the web UI (which has its own catalogue).
 */
export const KIND: Record<RequestKind, { noun: string; plural: string }> = {
  hire: { noun: 'Anställning', plural: 'anställningar' },
  agency_call_off: { noun: 'Avrop av hyrbemanning', plural: 'avrop av hyrbemanning' },
};

export const STAGE: Record<StageName, { name: string; task: 'granska' | 'besluta' }> = {
  hr_review: { name: 'HR-granskning', task: 'granska' },
  staffing_review: { name: 'bemanningsgranskning', task: 'granska' },
  director_decision: { name: 'divisionschefens beslut', task: 'besluta' },
  executive_decision: { name: 'hälso- och sjukvårdsdirektörens beslut', task: 'besluta' },
};

export const ROLE: Record<Role, string> = {
  requester: 'enhetschef',
  hr_reviewer: 'HR-partner',
  hr_lead: 'HR-chef',
  director: 'divisionschef',
  executive: 'hälso- och sjukvårdsdirektör',
  admin: 'administratör',
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
