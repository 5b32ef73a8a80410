import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Actor, RoleGrant } from '@domain/decision-rules';
import type { Role } from '@domain/enums';

export interface CurrentUser {
  id: string;
  username: string;
  displayName: string;
  grants: RoleGrant[];
}

export const User = createParamDecorator((_: unknown, ctx: ExecutionContext): CurrentUser => {
  return ctx.switchToHttp().getRequest().user;
});

export function hasRole(user: CurrentUser, ...roles: Role[]): boolean {
  return user.grants.some((g) => roles.includes(g.role));
}

export function asActor(user: CurrentUser): Actor {
  return { userId: user.id, grants: user.grants };
}
