/** Project roles of section 3 (Table 3-1) and OSI 3.x. One person may hold several. */
export const ROLES = [
  'projectSponsor',
  'projectManager',
  'projectTeamLead',
  'controlAccountManager',
  'scheduleEvCoordinator',
  'qualityManager',
  'contractManager',
  'contractingOfficersRepresentative',
  'contractorProjectManager',
  'teamMember',
] as const;

export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
