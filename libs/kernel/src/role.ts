export enum Role {
  Trainee = 'trainee',
  Mentor = 'mentor',
  Admin = 'admin',
}

export const ALL_ROLES: readonly Role[] = Object.values(Role);
