// Roles and what each is for. Permissions are checked in the HTTP layer against these names.
export const roles = ['admin', 'supervisor', 'surveyor', 'analyst'] as const;
export type Role = (typeof roles)[number];

export const roleLabels: Record<Role, { vi: string; en: string }> = {
  admin: { vi: 'Quản trị viên', en: 'Administrator' },
  supervisor: { vi: 'Giám sát viên', en: 'Supervisor' },
  surveyor: { vi: 'Điều tra viên', en: 'Surveyor' },
  analyst: { vi: 'Chuyên viên phân tích', en: 'Analyst' },
};

export function isRole(value: string): value is Role {
  return (roles as readonly string[]).includes(value);
}
