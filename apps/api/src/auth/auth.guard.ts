import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { problem, ProblemException } from '../common/problem';
import { abilityFor } from './abilities';
import { ABILITY_KEY, type Requirement } from './allow.decorator';
import { AuthService } from './auth.service';
import { bearerToken } from './bearer';

/** Authenticates the bearer token and checks the endpoint's @Can requirement against the user's ability. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const needed = this.reflector.getAllAndOverride<Requirement | undefined>(ABILITY_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (needed && 'public' in needed) return true;
    const request = context.switchToHttp().getRequest();
    const token = bearerToken(request.headers.authorization);
    if (!token) {
      throw new ProblemException(problem(401, 'Sign in: send an Authorization: Bearer token'), {
        'WWW-Authenticate': 'Bearer',
      });
    }
    const user = await this.auth.authenticate(token);
    if (!user) {
      throw new ProblemException(problem(401, 'The token is not valid or has expired'), {
        'WWW-Authenticate': 'Bearer error="invalid_token"',
      });
    }
    request.user = user;
    request.ability = abilityFor(user.grants);
    if (!needed) throw new ProblemException(problem(403, 'This endpoint is not open to anyone'));
    if (!request.ability.can(needed.action, needed.subject)) {
      throw new ProblemException(
        problem(403, `You may not ${needed.action.replace('_', ' ')} ${needed.subject}`),
      );
    }
    return true;
  }
}
