export const roles = ['admin', 'coordinator', 'partner', 'auditor'] as const;
export type Role = (typeof roles)[number];
