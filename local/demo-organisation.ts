import type { DataSource } from 'typeorm';
import type { Role } from '@domain/enums';
import { OrgUnitsRepository } from '@db/repositories/org-units.repository';
import { UsersRepository } from '@db/repositories/users.repository';
import { CostRepository } from '@db/repositories/cost.repository';
import { addMonths } from '@domain/cost-progress';
import { stockholmDate } from '@domain/calendar';
import { DEMO_DIVISION_CEILING, DEMO_REGION_TARGET, demoActuals } from './demo-actuals';

/**
 * The demo organisation of domain.md: Region Västernorrland's divisions with their 2026 budget frames
 * (million SEK), each with a few units, and one demo user per role. No review periods and no requests:
 * a new user starts from an empty register.
 */
interface DemoDivision {
  code: string;
  name: string;
  budgetMsek: number;
  /**
   * Illustrative own staff cost per year (about two thirds of the frame, as in a hospital region), the base
   * agency cost is reported against; a real region loads its own.
   */
  staffCostMsek: number;
  units: { code: string; name: string }[];
}

export const DEMO_DIVISIONS: DemoDivision[] = [
  {
    code: 'SOM',
    staffCostMsek: 2120,
    name: 'Länssjukvårdsområde Somatik',
    budgetMsek: 3392,
    units: [
      { code: 'SOM-AKUT', name: 'Akutmottagningen' },
      { code: 'SOM-MED', name: 'Medicinkliniken' },
      { code: 'SOM-KIR', name: 'Kirurgkliniken' },
    ],
  },
  {
    code: 'PSY',
    staffCostMsek: 530,
    name: 'Länssjukvårdsområde Psykiatri inkl Habilitering',
    budgetMsek: 789,
    units: [
      { code: 'PSY-VUX', name: 'Vuxenpsykiatrisk mottagning' },
      { code: 'PSY-HAB', name: 'Habiliteringen' },
    ],
  },
  {
    code: 'RPK',
    staffCostMsek: 41,
    name: 'Rättspsykiatrisk Regionklinik',
    budgetMsek: 59,
    units: [
      { code: 'RPK-AVD1', name: 'Rättspsykiatrisk avdelning 1' },
      { code: 'RPK-AVD2', name: 'Rättspsykiatrisk avdelning 2' },
    ],
  },
  {
    code: 'NSO-S',
    staffCostMsek: 760,
    name: 'Närsjukvårdsområde Söder',
    budgetMsek: 1278,
    units: [
      { code: 'NSO-S-HC', name: 'Hälsocentral Söder' },
      { code: 'NSO-S-SJV', name: 'Sjukstugan Söder' },
    ],
  },
  {
    code: 'NSO-V',
    staffCostMsek: 250,
    name: 'Närsjukvårdsområde Väster',
    budgetMsek: 415,
    units: [
      { code: 'NSO-V-HC', name: 'Hälsocentral Väster' },
      { code: 'NSO-V-SOM', name: 'Somatisk vårdavdelning Väster' },
    ],
  },
  {
    code: 'NSO-N',
    staffCostMsek: 340,
    name: 'Närsjukvårdsområde Norr',
    budgetMsek: 573,
    units: [
      { code: 'NSO-N-HC', name: 'Hälsocentral Norr' },
      { code: 'NSO-N-SJV', name: 'Sjukstugan Norr' },
    ],
  },
  {
    code: 'FTV',
    staffCostMsek: 78,
    name: 'Folktandvården',
    budgetMsek: 113,
    units: [
      { code: 'FTV-KLIN', name: 'Folktandvårdens kliniker' },
      { code: 'FTV-SPEC', name: 'Specialisttandvården' },
    ],
  },
];

interface DemoUser {
  username: string;
  displayName: string;
  role: Role;
  /** Org unit code, or null for the whole region. */
  scope: string | null;
  /** Where notifications go as e-mail (when SMTP is configured); `.example` never delivers anywhere real. */
  email: string;
}

export const DEMO_USERS: DemoUser[] = [
  {
    username: 'chef.akuten',
    displayName: 'Anna Berg (enhetschef Akutmottagningen)',
    role: 'requester',
    scope: 'SOM-AKUT',
    email: 'anna.berg@rvn.example',
  },
  {
    username: 'chef.psyk',
    displayName: 'Jonas Ek (enhetschef Vuxenpsykiatrin)',
    role: 'requester',
    scope: 'PSY-VUX',
    email: 'jonas.ek@rvn.example',
  },
  {
    username: 'hr.somatik',
    displayName: 'Sara Lind (HR-partner Somatik)',
    role: 'hr_reviewer',
    scope: 'SOM',
    email: 'sara.lind@rvn.example',
  },
  {
    username: 'hr.psykiatri',
    displayName: 'Omar Nilsson (HR-partner Psykiatri)',
    role: 'hr_reviewer',
    scope: 'PSY',
    email: 'omar.nilsson@rvn.example',
  },
  // A second HR partner in each division that has HR partners, so out-of-office has someone to hand over to.
  {
    username: 'hr2.somatik',
    displayName: 'Maria Olsson (HR-partner Somatik)',
    role: 'hr_reviewer',
    scope: 'SOM',
    email: 'maria.olsson@rvn.example',
  },
  {
    username: 'hr2.psykiatri',
    displayName: 'Ali Hassan (HR-partner Psykiatri)',
    role: 'hr_reviewer',
    scope: 'PSY',
    email: 'ali.hassan@rvn.example',
  },
  {
    username: 'hrchef',
    displayName: 'Karin Holm (HR-chef)',
    role: 'hr_lead',
    scope: null,
    email: 'karin.holm@rvn.example',
  },
  {
    username: 'div.somatik',
    displayName: 'Per Strand (divisionschef Somatik)',
    role: 'director',
    scope: 'SOM',
    email: 'per.strand@rvn.example',
  },
  {
    username: 'div.psykiatri',
    displayName: 'Lena Åkesson (divisionschef Psykiatri)',
    role: 'director',
    scope: 'PSY',
    email: 'lena.akesson@rvn.example',
  },
  {
    username: 'hsdir',
    displayName: 'Eva Sjöberg (hälso- och sjukvårdsdirektör)',
    role: 'executive',
    scope: null,
    email: 'eva.sjoberg@rvn.example',
  },
  {
    username: 'styrgrupp',
    displayName: 'Anders Nyberg (styrgruppen, uppföljare)',
    role: 'follow_up',
    scope: null,
    email: 'anders.nyberg@rvn.example',
  },
  {
    username: 'admin',
    displayName: 'Systemadministratör',
    role: 'admin',
    scope: null,
    email: 'admin@rvn.example',
  },
];

/**
 * Seeds the demo organisation into an empty database; returns false and changes nothing otherwise. With it come
 * illustrative actuals for the 24 months up to the month before `now` and the 2026 targets (local/demo-actuals.ts).
 */
export async function seedDemoOrganisation(dataSource: DataSource, now = new Date()): Promise<boolean> {
  return dataSource.transaction(async (db) => {
    const units = new OrgUnitsRepository(db);
    const users = new UsersRepository(db);
    if (!(await units.lockIfEmpty())) return false;
    const ids = new Map<string, string>();
    for (const division of DEMO_DIVISIONS) {
      const divisionId = await units.insert({
        parentId: null,
        level: 'division',
        code: division.code,
        name: division.name,
        budgetSek: division.budgetMsek * 1_000_000,
        staffCostSek: division.staffCostMsek * 1_000_000,
      });
      ids.set(division.code, divisionId);
      for (const unit of division.units) {
        ids.set(unit.code, await units.insert({ parentId: divisionId, level: 'unit', ...unit }));
      }
    }
    for (const user of DEMO_USERS) {
      const userId = await users.insert(user);
      await users.assignRole(userId, user.role, user.scope ? ids.get(user.scope)! : null);
    }
    const costs = new CostRepository(db);
    const lastMonth = addMonths(stockholmDate(now).slice(0, 7), -1);
    await costs.upsert(
      demoActuals(DEMO_DIVISIONS, lastMonth).map(({ code, ...a }) => ({ ...a, unitId: ids.get(code)! })),
      null,
    );
    await costs.setTarget({ ...DEMO_REGION_TARGET, divisionId: null, agencyShareCeiling: null }, null);
    for (const division of DEMO_DIVISIONS)
      await costs.setTarget(
        {
          year: DEMO_REGION_TARGET.year,
          divisionId: ids.get(division.code)!,
          agencyReductionSek: null,
          agencyShareCeiling: DEMO_DIVISION_CEILING,
          note: 'Demo: högst 4 % inhyrd personal av de totala personalkostnaderna, på väg mot det nationella målet 2 %.',
        },
        null,
      );
    return true;
  });
}
