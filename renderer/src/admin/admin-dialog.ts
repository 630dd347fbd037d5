/** The admin screens' dialogs: which one is open, kept by the screen (one at a time). */
export type AdminDialog =
  | { readonly kind: 'createAgent' }
  | { readonly kind: 'editAgent'; readonly agentId: string }
  | { readonly kind: 'password'; readonly agentId: string }
  | { readonly kind: 'disableAgent'; readonly agentId: string }
  | { readonly kind: 'resetTwoFactor'; readonly agentId: string }
  | { readonly kind: 'createChannel' }
  | { readonly kind: 'editChannel'; readonly channelId: string }
  | { readonly kind: 'members'; readonly channelId: string };

export type OpenDialog = (dialog: AdminDialog) => void;
