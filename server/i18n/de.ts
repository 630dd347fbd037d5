import type { Catalog } from './en';
// German (Deutsch)

export const de = {
  languageName: 'Deutsch',
  page: {
    title: 'Anfrage für Fernsupport',
    errorTitle: (title: string) => `Fehler: ${title}`,
    heading: (agentName: string, orgName: string) =>
      `${agentName} von ${orgName} bittet um Zugriff auf Ihren Computer`,
    greeting: (recipientName: string) => `Guten Tag ${recipientName},`,
    commentsLabel: 'Nachricht vom Support',
    explainAllow:
      'Wenn Sie den Zugriff erlauben, kann sich der Support über die Fernsteuerungs-App mit diesem Computer verbinden, um Ihnen zu helfen. Sie können die Sitzung jederzeit in dieser App beenden.',
    allowButton: 'Zugriff erlauben',
    denyButton: 'Ablehnen',
    remoteIdLabel: (appName: string) => `Die von ${appName} angezeigte ID`,
    remoteIdHint: (appName: string) =>
      `Starten Sie ${appName} und geben Sie die angezeigte ID ein, damit der Support diesen Computer erreichen kann.`,
    remoteIdInvalid:
      'Eine ID enthält nur Buchstaben, Ziffern und die Zeichen @ . _ : - [ ] und beginnt mit einem Buchstaben oder einer Ziffer.',
    remoteIdMissing: (appName: string) => `Das Feld ist leer: Geben Sie die ID ein, die ${appName} anzeigt.`,
    stepsHeading: (appName: string) => `So starten Sie ${appName}`,
    stepDownload: (appName: string) => `Laden Sie ${appName} herunter.`,
    stepOpen: 'Öffnen Sie die heruntergeladene Datei und starten Sie die App.',
    stepAllow: 'Geben Sie die angezeigte ID in das Feld unten ein und wählen Sie dann „Zugriff erlauben“.',
    expires: (when: string) => `Diese Anfrage ist gültig bis ${when}.`,
    live: 'Diese Seite aktualisiert sich automatisch.',
    liveRefreshes: (seconds: number) => `Diese Seite wird alle ${seconds} Sekunden aktualisiert.`,
    liveReload: 'Laden Sie diese Seite neu, um zu sehen, ob sich etwas geändert hat.',
    granted:
      'Zugriff erlaubt. Der Support kann sich jetzt verbinden; lassen Sie die Fernsteuerungs-App geöffnet.',
    oneSession: (minutes: number) =>
      minutes === 0
        ? 'Ihre Erlaubnis gilt für eine Sitzung: Sie endet mit der Sitzung.'
        : `Ihre Erlaubnis gilt für eine Sitzung: Sie endet ${minutes === 1 ? '1 Minute' : `${minutes} Minuten`} nach dem Ende der Sitzung.`,
    sessionEnded: (when: string) =>
      `Die Sitzung ist beendet. Ihre Erlaubnis gilt noch bis ${when}; danach muss der Support Sie erneut um Zugriff bitten.`,
    consentLapsed:
      'Ihre frühere Erlaubnis ist mit der letzten Sitzung abgelaufen. Damit sich der Support wieder verbinden kann, erlauben Sie den Zugriff erneut.',
    endAccessButton: 'Zugriff beenden',
    endAccessHint:
      'Sie können den Zugriff jederzeit beenden: Der Support kann sich dann nicht mehr verbinden und wird sofort informiert.',
    connected:
      'Der Support ist verbunden. Beenden Sie die Sitzung in der Fernsteuerungs-App, wenn Sie fertig sind.',
    denied:
      'Sie haben den Zugriff abgelehnt, und der Support wurde darüber informiert. Wenn Sie es sich anders überlegen, bitten Sie den Support, erneut Zugriff anzufordern.',
    accessEnded:
      'Sie haben den Zugriff beendet, und der Support wurde darüber informiert. Wenn die Fernsteuerungs-App noch eine Sitzung anzeigt, beenden Sie sie auch dort. Wenn Sie wieder Hilfe brauchen, bitten Sie den Support, erneut Zugriff anzufordern.',
    closedTitle: 'Anfrage geschlossen',
    closed:
      'Diese Supportanfrage ist geschlossen. Wenn Sie weiterhin Hilfe benötigen, wenden Sie sich für einen neuen Link an Ihr Supportteam.',
    expiredTitle: 'Anfrage abgelaufen',
    expired:
      'Diese Supportanfrage ist abgelaufen. Wenn Sie weiterhin Hilfe benötigen, wenden Sie sich für einen neuen Link an Ihr Supportteam.',
    notFoundTitle: 'Link ungültig',
    notFound:
      'Dieser Link ist ungültig. Prüfen Sie, ob Sie den vollständigen Link kopiert haben, oder bitten Sie Ihr Supportteam um einen neuen.',
    tooManyAttempts: (seconds: number) =>
      `Zu viele Versuche. Warten Sie ${seconds} Sekunden und versuchen Sie es dann erneut.`,
    somethingWrong: 'Bei uns ist ein Fehler aufgetreten. Bitte versuchen Sie es gleich noch einmal.',
  },
  pin: {
    title: 'PIN eingeben',
    intro: 'Geben Sie die 9-stellige PIN ein, die Sie vom Support erhalten haben.',
    label: 'PIN',
    button: 'Weiter',
    invalid: 'Die PIN hat 9 Stellen.',
    unknown:
      'Zu dieser PIN gibt es keine offene Supportanfrage. Prüfen Sie die Ziffern oder bitten Sie den Support um eine neue PIN.',
  },
  mail: {
    greeting: (name: string) => `Guten Tag ${name},`,
    signature: (orgName: string) => `Ihr Supportteam von ${orgName}`,
    invitation: {
      subject: (agentName: string, orgName: string) =>
        `${agentName} (${orgName}) bittet um Fernzugriff, um Ihnen zu helfen`,
      intro: (agentName: string, orgName: string) =>
        `${agentName} von ${orgName} möchte sich mit Ihrem Computer verbinden, um Ihnen zu helfen.`,
      commentsLabel: 'Nachricht:',
      linkIntro: 'Öffnen Sie diesen Link, um die Anfrage anzusehen und den Zugriff zu erlauben:',
      pinIntro: (pinUrl: string) => `Oder öffnen Sie ${pinUrl} und geben Sie diese PIN ein:`,
      scheduled: (when: string) => `Die Sitzung ist für ${when} geplant.`,
      expires: (when: string) => `Der Link ist gültig bis ${when}.`,
      ignore:
        'Wenn Sie diese Nachricht nicht erwartet haben, ignorieren Sie diese E-Mail: Solange Sie den Zugriff nicht erlauben, geschieht nichts.',
    },
    rescheduled: {
      subject: (agentName: string) => `Neuer Termin für Ihre Supportsitzung mit ${agentName}`,
      body: (agentName: string) => `${agentName} hat den Termin Ihrer Supportsitzung geändert.`,
      scheduled: (when: string) => `Die Sitzung ist jetzt für ${when} geplant.`,
      unscheduled: 'Es gibt keinen festen Termin mehr: Öffnen Sie den Link, sobald Sie bereit sind.',
      expires: (when: string) => `Der Link ist gültig bis ${when}.`,
      linkIntro: 'Ihr Link:',
    },
    closed: {
      subject: 'Ihre Supportanfrage wurde geschlossen',
      body: (agentName: string) =>
        `${agentName} hat Ihre Supportanfrage geschlossen, bevor eine Verbindung hergestellt wurde. Sie müssen nichts weiter tun; der Link funktioniert nicht mehr.`,
      help: 'Wenn Sie weiterhin Hilfe benötigen, wenden Sie sich an Ihr Supportteam.',
    },
    technician: {
      subject: (inviterName: string) => `${inviterName} lädt Sie zu einer Supportsitzung ein`,
      intro: (inviterName: string, recipientName: string) =>
        `${inviterName} lädt Sie ein, an der Supportsitzung für ${recipientName} teilzunehmen.`,
      joinLink: 'Öffnen Sie diesen Link, um in Sessiondesk teilzunehmen:',
      code: 'Oder wählen Sie in Sessiondesk „Sitzung beitreten“ und geben Sie den Sitzungscode ein:',
    },
  },
} satisfies Catalog;
