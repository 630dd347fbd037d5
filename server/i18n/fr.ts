import type { Catalog } from './en';
// French (Français)

export const fr = {
  languageName: 'Français',
  page: {
    title: 'Demande d’assistance à distance',
    errorTitle: (title: string) => `Erreur : ${title}`,
    heading: (agentName: string, orgName: string) =>
      `${agentName} (${orgName}) demande à accéder à votre ordinateur`,
    greeting: (recipientName: string) => `Bonjour ${recipientName},`,
    commentsLabel: 'Message de votre agent d’assistance',
    explainAllow:
      'Si vous autorisez l’accès, votre agent d’assistance pourra se connecter à cet ordinateur avec l’application de contrôle à distance pour vous aider. Vous pouvez mettre fin à la session à tout moment depuis cette application.',
    allowButton: 'Autoriser l’accès',
    denyButton: 'Refuser',
    remoteIdLabel: (appName: string) => `L’ID affiché par ${appName}`,
    remoteIdHint: (appName: string) =>
      `Lancez ${appName} et saisissez l’ID qu’il affiche, afin que votre agent puisse accéder à cet ordinateur.`,
    remoteIdInvalid:
      'Un ID ne contient que des lettres, des chiffres et les caractères @ . _ : - [ ], et commence par une lettre ou un chiffre.',
    remoteIdMissing: (appName: string) => `Le champ est vide : saisissez l’ID affiché par ${appName}.`,
    stepsHeading: (appName: string) => `Comment lancer ${appName}`,
    stepDownload: (appName: string) => `Téléchargez ${appName}.`,
    stepOpen: 'Ouvrez le fichier téléchargé et lancez l’application.',
    stepAllow:
      'Saisissez dans le champ ci-dessous l’ID affiché par l’application, puis choisissez « Autoriser l’accès ».',
    expires: (when: string) => `Cette demande expire le ${when}.`,
    live: 'Cette page se met à jour automatiquement.',
    liveRefreshes: (seconds: number) => `Cette page s’actualise toutes les ${seconds} secondes.`,
    liveReload: 'Rechargez cette page pour voir si quelque chose a changé.',
    granted:
      'Accès autorisé. Votre agent d’assistance peut maintenant se connecter ; laissez l’application de contrôle à distance ouverte.',
    oneSession: (minutes: number) =>
      minutes === 0
        ? 'Votre autorisation vaut pour une seule session : elle prend fin avec la session.'
        : `Votre autorisation vaut pour une seule session : elle prend fin ${minutes === 1 ? '1 minute' : `${minutes} minutes`} après la fin de la session.`,
    sessionEnded: (when: string) =>
      `La session est terminée. Votre autorisation reste valable jusqu’au ${when} ; ensuite, votre agent d’assistance aura besoin que vous autorisiez à nouveau l’accès.`,
    consentLapsed:
      'Votre autorisation précédente a pris fin avec la dernière session. Pour que votre agent d’assistance puisse se reconnecter, autorisez à nouveau l’accès.',
    endAccessButton: 'Mettre fin à l’accès',
    endAccessHint:
      'Vous pouvez mettre fin à l’accès à tout moment : votre agent d’assistance ne pourra plus se connecter et en sera informé aussitôt.',
    connected:
      'Votre agent d’assistance est connecté. Quand vous avez terminé, mettez fin à la session depuis l’application de contrôle à distance.',
    denied:
      'Vous avez refusé l’accès, et votre agent d’assistance en a été informé. Si vous changez d’avis, demandez-lui de refaire une demande d’accès.',
    accessEnded:
      'Vous avez mis fin à l’accès, et votre agent d’assistance en a été informé. Si l’application de contrôle à distance affiche encore une session, fermez-la aussi depuis cette application. Si vous avez de nouveau besoin d’aide, demandez à votre agent de refaire une demande d’accès.',
    closedTitle: 'Demande clôturée',
    closed:
      'Cette demande d’assistance est clôturée. Si vous avez toujours besoin d’aide, contactez votre équipe d’assistance pour obtenir un nouveau lien.',
    expiredTitle: 'Demande expirée',
    expired:
      'Cette demande d’assistance a expiré. Si vous avez toujours besoin d’aide, contactez votre équipe d’assistance pour obtenir un nouveau lien.',
    notFoundTitle: 'Lien non valide',
    notFound:
      'Ce lien n’est pas valide. Vérifiez que vous avez copié le lien en entier, ou demandez-en un nouveau à votre équipe d’assistance.',
    tooManyAttempts: (seconds: number) =>
      `Trop de tentatives. Patientez ${seconds} secondes, puis réessayez.`,
    somethingWrong: 'Une erreur s’est produite de notre côté. Veuillez réessayer dans un instant.',
  },
  pin: {
    title: 'Saisissez votre code PIN',
    intro: 'Saisissez le code PIN à 9 chiffres que votre agent d’assistance vous a communiqué.',
    label: 'Code PIN',
    button: 'Continuer',
    invalid: 'Le code PIN comporte 9 chiffres.',
    unknown:
      'Aucune demande d’assistance ouverte ne correspond à ce code PIN. Vérifiez les chiffres, ou demandez-en un nouveau à votre agent d’assistance.',
  },
  mail: {
    greeting: (name: string) => `Bonjour ${name},`,
    signature: (orgName: string) => `L’équipe d’assistance ${orgName}`,
    invitation: {
      subject: (agentName: string, orgName: string) =>
        `${agentName} (${orgName}) demande un accès à distance pour vous aider`,
      intro: (agentName: string, orgName: string) =>
        `${agentName} (${orgName}) souhaite se connecter à votre ordinateur pour vous aider.`,
      commentsLabel: 'Son message :',
      linkIntro: 'Ouvrez ce lien pour consulter la demande et autoriser l’accès :',
      pinIntro: (pinUrl: string) => `Ou rendez-vous sur ${pinUrl} et saisissez ce code PIN :`,
      scheduled: (when: string) => `La session est prévue le ${when}.`,
      expires: (when: string) => `Le lien expire le ${when}.`,
      ignore:
        'Si vous n’attendiez pas ce message, ignorez-le : rien ne se passera tant que vous n’aurez pas autorisé l’accès.',
    },
    rescheduled: {
      subject: (agentName: string) => `Nouvel horaire pour votre session d’assistance avec ${agentName}`,
      body: (agentName: string) => `${agentName} a modifié l’horaire de votre session d’assistance.`,
      scheduled: (when: string) => `Elle est désormais prévue le ${when}.`,
      unscheduled: 'Elle n’a plus d’horaire prévu : ouvrez le lien quand vous le souhaitez.',
      expires: (when: string) => `Le lien expire le ${when}.`,
      linkIntro: 'Votre lien :',
    },
    closed: {
      subject: 'Votre demande d’assistance a été clôturée',
      body: (agentName: string) =>
        `${agentName} a clôturé votre demande d’assistance avant de se connecter. Vous n’avez rien à faire ; le lien ne fonctionne plus.`,
      help: 'Si vous avez toujours besoin d’aide, contactez votre équipe d’assistance.',
    },
    technician: {
      subject: (inviterName: string) => `${inviterName} vous invite à une session d’assistance`,
      intro: (inviterName: string, recipientName: string) =>
        `${inviterName} vous invite à rejoindre la session d’assistance de ${recipientName}.`,
      joinLink: 'Ouvrez ce lien pour la rejoindre dans Sessiondesk :',
      code: 'Ou choisissez « Rejoindre la session » dans Sessiondesk et saisissez le code de la session :',
    },
  },
} satisfies Catalog;
