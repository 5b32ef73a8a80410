import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { problem, ProblemException } from '../common/problem';
import { ALLOW_KEY, type Audience } from './allow.decorator';
import { AuthService } from './auth.service';
import { hasRole } from './current-user';

/** Authenticates the bearer token and checks the endpoint's @Allow list; deny by default. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const audience = this.reflector.getAllAndOverride<Audience[] | undefined>(ALLOW_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (audience?.includes('public')) return true;
    const request = context.switchToHttp().getRequest();
    const header: string | undefined = request.headers.authorization;
    const match = header?.match(/^Bearer\s+(\S+)$/i);
    if (!match) {
      throw new ProblemException(problem(401, 'Sign in: send an Authorization: Bearer token'), {
        'WWW-Authenticate': 'Bearer',
      });
    }
    const user = await this.auth.authenticate(match[1]);
    if (!user) {
      throw new ProblemException(problem(401, 'The token is not valid or has expired'), {
        'WWW-Authenticate': 'Bearer error="invalid_token"',
      });
    }
    request.user = user;
    if (!audience || audience.length === 0)
      throw new ProblemException(problem(403, 'This endpoint is not open to anyone'));
    if (audience.includes('any_user')) return true;
    const roles = audience.filter((a): a is Exclude<Audience, 'any_user' | 'public'> => a !== 'any_user');
    if (!hasRole(user, ...roles)) {
      throw new ProblemException(problem(403, `This needs one of the roles: ${roles.join(', ')}`));
    }
    return true;
  }
}
