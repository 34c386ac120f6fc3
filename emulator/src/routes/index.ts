/** The one router table: every route the emulator answers. */
import type { Route } from '../context';
import { accountInfoRoutes } from './account-info';
import { accountOperationRoutes } from './account-operations';
import { accountSecurityRoutes } from './account-security';
import { accountSocialRoutes } from './account-social';
import { controlRoutes } from './emulator-control';
import { loginRoutes } from './login';
import { mfaRoutes } from './mfa';
import { oauthRoutes } from './oauth';
import { passwordRoutes } from './password';
import { profileRoutes } from './profile';
import { registerRoutes } from './register';
import { sessionRoutes } from './session';
import { socialRoutes } from './social';
import { verificationRoutes } from './verification';

export const ROUTES: readonly Route[] = [
  ...verificationRoutes,
  ...loginRoutes,
  ...socialRoutes,
  ...mfaRoutes,
  ...passwordRoutes,
  ...registerRoutes,
  ...profileRoutes,
  ...sessionRoutes,
  // The account center (`/api/bff/v1.2/developer/ciam/user/*`, seed 001).
  ...accountSecurityRoutes,
  ...accountOperationRoutes,
  ...accountSocialRoutes,
  ...accountInfoRoutes,
  ...oauthRoutes,
  ...controlRoutes,
];
