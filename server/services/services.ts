/** The service layer as the HTTP layer sees it; built in server/service.ts. */
import type { AccountService } from './accounts';
import type { AuditLog } from './audit';
import type { ChannelService } from './channels';
import type { ConversationService } from './conversation';
import type { ServiceContext } from './context';
import type { EndUserService } from './end-user';
import type { SatisfactionService } from './satisfaction';
import type { ExpiryService } from './expiry';
import type { FeedService } from './feed';
import type { IntegrationTokenService } from './integration-tokens';
import type { OrganisationService } from './organisation';
import type { PasswordLinkService } from './password-links';
import type { RateLimits } from './rate-limits';
import type { ReportService } from './reports';
import type { RequestActions } from './request-actions';
import type { RequestService } from './requests';
import type { SsoService } from './sso';
import type { TwoFactorService } from './two-factor';
import type { WebhookService } from '../webhooks/webhook-service';
import type { SmsService } from '../sms/sms-service';

export interface Services {
  readonly ctx: ServiceContext;
  readonly accounts: AccountService;
  readonly channels: ChannelService;
  readonly requests: RequestService;
  readonly actions: RequestActions;
  readonly expiry: ExpiryService;
  readonly feed: FeedService;
  readonly endUser: EndUserService;
  readonly satisfaction: SatisfactionService;
  readonly organisation: OrganisationService;
  readonly passwordLinks: PasswordLinkService;
  readonly limits: RateLimits;
  readonly integrationTokens: IntegrationTokenService;
  readonly webhooks: WebhookService;
  readonly audit: AuditLog;
  readonly reports: ReportService;
  readonly sso: SsoService;
  readonly twoFactor: TwoFactorService;
  readonly conversation: ConversationService;
  readonly sms: SmsService;
}
