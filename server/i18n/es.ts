import type { Catalog } from './en';
// Spanish (Español)

export const es = {
  languageName: 'Español',
  page: {
    title: 'Solicitud de soporte remoto',
    errorTitle: (title: string) => `Error: ${title}`,
    heading: (agentName: string, orgName: string) =>
      `${agentName}, de ${orgName}, solicita acceso a su equipo`,
    greeting: (recipientName: string) => `Hola, ${recipientName}:`,
    commentsLabel: 'Mensaje de su agente de soporte',
    explainAllow:
      'Si permite el acceso, su agente de soporte podrá conectarse a este equipo con la aplicación de control remoto para ayudarle. Puede finalizar la sesión en cualquier momento desde esa aplicación.',
    allowButton: 'Permitir acceso',
    denyButton: 'Denegar',
    remoteIdLabel: (appName: string) => `El ID que muestra ${appName}`,
    remoteIdHint: (appName: string) =>
      `Inicie ${appName} y escriba el ID que muestra, para que su agente pueda acceder a este equipo.`,
    remoteIdInvalid:
      'Un ID solo contiene letras, dígitos y los caracteres @ . _ : - [ ], y empieza por una letra o un dígito.',
    remoteIdMissing: (appName: string) => `El campo está vacío: escriba el ID que muestra ${appName}.`,
    stepsHeading: (appName: string) => `Cómo iniciar ${appName}`,
    stepDownload: (appName: string) => `Descargue ${appName}.`,
    stepOpen: 'Abra el archivo descargado e inicie la aplicación.',
    stepAllow:
      'Escriba en el campo de abajo el ID que muestra la aplicación y, a continuación, elija «Permitir acceso».',
    expires: (when: string) => `Esta solicitud expira el ${when}.`,
    live: 'Esta página se actualiza automáticamente.',
    liveRefreshes: (seconds: number) => `Esta página se actualiza cada ${seconds} segundos.`,
    liveReload: 'Vuelva a cargar esta página para ver si ha cambiado algo.',
    granted:
      'Acceso permitido. Su agente de soporte ya puede conectarse; mantenga abierta la aplicación de control remoto.',
    oneSession: (minutes: number) =>
      minutes === 0
        ? 'Su permiso es para una sola sesión: termina cuando termina la sesión.'
        : `Su permiso es para una sola sesión: termina ${minutes === 1 ? '1 minuto' : `${minutes} minutos`} después de que termine la sesión.`,
    sessionEnded: (when: string) =>
      `La sesión ha terminado. Su permiso dura hasta el ${when}; después, su agente de soporte necesitará que vuelva a permitir el acceso.`,
    consentLapsed:
      'Su permiso anterior terminó con la última sesión. Para que su agente de soporte pueda volver a conectarse, vuelva a permitir el acceso.',
    endAccessButton: 'Finalizar acceso',
    endAccessHint:
      'Puede finalizar el acceso en cualquier momento: su agente de soporte ya no podrá conectarse y se le informará de inmediato.',
    connected:
      'Su agente de soporte está conectado. Cuando termine, finalice la sesión desde la aplicación de control remoto.',
    denied:
      'Ha denegado el acceso y se ha informado a su agente de soporte. Si cambia de opinión, pídale que vuelva a solicitar el acceso.',
    accessEnded:
      'Ha finalizado el acceso y se ha informado a su agente de soporte. Si la aplicación de control remoto aún muestra una sesión, finalícela también allí. Si vuelve a necesitar ayuda, pida a su agente que vuelva a solicitar el acceso.',
    closedTitle: 'Solicitud cerrada',
    closed:
      'Esta solicitud de soporte está cerrada. Si aún necesita ayuda, póngase en contacto con su equipo de soporte para obtener un nuevo enlace.',
    expiredTitle: 'Solicitud expirada',
    expired:
      'Esta solicitud de soporte ha expirado. Si aún necesita ayuda, póngase en contacto con su equipo de soporte para obtener un nuevo enlace.',
    notFoundTitle: 'Enlace no válido',
    notFound:
      'Este enlace no es válido. Compruebe que ha copiado el enlace completo o pida uno nuevo a su equipo de soporte.',
    tooManyAttempts: (seconds: number) =>
      `Demasiados intentos. Espere ${seconds} segundos y vuelva a intentarlo.`,
    somethingWrong: 'Se ha producido un error por nuestra parte. Vuelva a intentarlo en unos instantes.',
  },
  pin: {
    title: 'Escriba su PIN',
    intro: 'Escriba el PIN de 9 dígitos que le dio su agente de soporte.',
    label: 'PIN',
    button: 'Continuar',
    invalid: 'El PIN tiene 9 dígitos.',
    unknown:
      'No hay ninguna solicitud de soporte abierta con este PIN. Compruebe los dígitos o pida uno nuevo a su agente de soporte.',
  },
  mail: {
    greeting: (name: string) => `Hola, ${name}:`,
    signature: (orgName: string) => `Soporte de ${orgName}`,
    invitation: {
      subject: (agentName: string, orgName: string) =>
        `${agentName} (${orgName}) solicita acceso remoto para ayudarle`,
      intro: (agentName: string, orgName: string) =>
        `${agentName}, de ${orgName}, desea conectarse a su equipo para ayudarle.`,
      commentsLabel: 'Mensaje del agente:',
      linkIntro: 'Abra este enlace para ver la solicitud y permitir el acceso:',
      pinIntro: (pinUrl: string) => `O vaya a ${pinUrl} y escriba este PIN:`,
      scheduled: (when: string) => `La sesión está programada para el ${when}.`,
      expires: (when: string) => `El enlace expira el ${when}.`,
      ignore:
        'Si no esperaba este mensaje, ignore este correo electrónico: no ocurrirá nada a menos que permita el acceso.',
    },
    rescheduled: {
      subject: (agentName: string) => `Su sesión de soporte con ${agentName} tiene un nuevo horario`,
      body: (agentName: string) => `${agentName} ha cambiado el horario de su sesión de soporte.`,
      scheduled: (when: string) => `Ahora está programada para el ${when}.`,
      unscheduled: 'Ya no tiene un horario programado: abra el enlace cuando lo desee.',
      expires: (when: string) => `El enlace expira el ${when}.`,
      linkIntro: 'Su enlace:',
    },
    closed: {
      subject: 'Su solicitud de soporte se ha cerrado',
      body: (agentName: string) =>
        `${agentName} cerró su solicitud de soporte antes de conectarse. No necesita hacer nada; el enlace ya no funciona.`,
      help: 'Si aún necesita ayuda, póngase en contacto con su equipo de soporte.',
    },
    technician: {
      subject: (inviterName: string) => `${inviterName} le invita a una sesión de soporte`,
      intro: (inviterName: string, recipientName: string) =>
        `${inviterName} le invita a unirse a la sesión de soporte de ${recipientName}.`,
      joinLink: 'Abra este enlace para unirse en Sessiondesk:',
      code: 'O elija «Unirse a la sesión» en Sessiondesk y escriba el código de sesión:',
    },
  },
} satisfies Catalog;
