/**
 * Strings agents read outside the desktop client: the set-password page and its e-mail. English only, as
 * the client is (renderer/src/strings.ts); the other catalogues are for end users. Functions return plain
 * text, which the page and the e-mail templates escape.
 */
export const agentEn = {
  passwordMail: {
    welcomeSubject: 'Your Sessiondesk account: choose your password',
    resetSubject: 'Choose a new Sessiondesk password',
    greeting: (name: string) => `Hello ${name},`,
    welcome: (orgName: string, email: string) =>
      `${orgName} created a Sessiondesk account for you, ${email}. Choose your password to sign in.`,
    reset: (orgName: string, email: string) =>
      `An administrator of ${orgName} sent you this link to choose a new Sessiondesk password for ${email}.`,
    linkIntro: 'Open this link to choose your password:',
    expires: (when: string) => `The link works once, until ${when}.`,
    signsOut:
      'Setting the new password signs you out of Sessiondesk everywhere; then sign in again with it. Until then your current password keeps working.',
    ignore: 'If you did not expect this e-mail, ignore it: nothing changes unless you open the link.',
    signature: (orgName: string) => `Sessiondesk at ${orgName}`,
  },
  passwordPage: {
    title: 'Choose your Sessiondesk password',
    intro: (email: string) => `Choose the password you will sign in to Sessiondesk with, as ${email}.`,
    passwordLabel: 'New password',
    passwordHint: (min: number, max: number) => `Between ${min} and ${max} characters.`,
    confirmLabel: 'New password again',
    button: 'Set password',
    doneTitle: 'Password set',
    done: (email: string) => `Password set — sign in to Sessiondesk with ${email}.`,
    signedOut: 'Any other sign-in of your account has ended.',
    deadTitle: 'This link no longer works',
    expired: (hours: number) =>
      `This link has expired: set-password links work for ${hours} hours. Ask a Sessiondesk administrator to send you a new one.`,
    used: 'This link has already been used to set a password. If you do not know that password, ask a Sessiondesk administrator for a new link.',
    unknown:
      'This link is not valid: check that you opened the whole link, or a newer link may have replaced it. Ask a Sessiondesk administrator for a new one.',
    disabled:
      'Your Sessiondesk account is disabled. Ask an administrator to enable it and to send you a new link.',
    tooManyAttempts: (seconds: number) => `Too many attempts. Wait ${seconds} seconds and try again.`,
    somethingWrong: 'Something went wrong on our side. Please try again in a moment.',
  },
};
