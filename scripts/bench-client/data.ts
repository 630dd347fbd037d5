/**
 * What the seeded requests say: recipients' names and e-mails, comments of a few words, drawn by a seeded
 * PRNG so that every run caches the same kind of data (and the searches find comparable numbers of rows).
 */

/** mulberry32: small, fast, and good enough to vary test data. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Words separated by spaces, as a list. */
const words = (text: string): readonly string[] => text.split(' ');

export const pick = <T>(random: () => number, items: readonly T[]): T =>
  items[Math.floor(random() * items.length)]!;

export const FIRST_NAMES = words(
  'Aaron Abigail Adam Adele Ahmed Aiko Alba Alejandro Alice Amir Ana Anders Andrea Anna Arjun ' +
    'Astrid Ben Bianca Björn Carla Carlos Chen Chloé Daniel Daria David Elena Emma Fatima Felix ' +
    'François Gabriel Grace Hannah Hiro Ines Ivan Jakob James José Julia Kai Karim Laura Lea Leon Li ' +
    'Lucas Maria Marta Mei Mohammed Nadia Noah Olga Omar Paula Priya Rafael Sara Sofia Tomás Uma ' +
    'Victor Wei Yara Yusuf Zoë',
);

export const LAST_NAMES = words(
  'Abbott Alvarez Andersson Bauer Becker Bernard Brown Castro Chen Costa Dubois Eriksen Fernández ' +
    'Fischer García Gomez Hansen Hoffmann Ivanova Jensen Kim Kowalski Lambert Larsen Lee Lopez Martin ' +
    'Meyer Moreau Müller Nakamura Nguyen Nielsen Novak Okafor Olsen Patel Pereira Petrov Quinn Rossi ' +
    'Santos Schmidt Silva Singh Smith Suzuki Tanaka Taylor Wagner Wang Weber Wilson Wong Yamamoto ' +
    'Young Zhang Zimmermann',
);

export const DOMAINS = words(
  'example.com acme.example contoso.example globex.example initech.example mail.example',
);

const COMMENT_WORDS = words(
  'printer offline VPN drops Outlook crashes password reset laptop slow screen flickers Teams audio ' +
    'floor 3 2nd building B Wi-Fi disconnects SAP login fails Excel macro error new starter setup ' +
    'docking station keyboard update stuck disk full backup restore calendar sync mobile certificate ' +
    'expired install license Adobe browser proxy camera after since Monday urgent please call before ' +
    'noon meeting room projector',
);

export const NOTE_TEXTS = [
  'Called the user, no answer; will try again after lunch.',
  'User confirmed the printer works again.',
  'Escalated to the network team.',
  'Waiting for the replacement laptop to arrive.',
  'Reset the VPN profile and reinstalled the client.',
  'Asked the user to restart before the session.',
] as const;

/** A recipient: "First Last", and an e-mail (or none, now and then). */
export function recipient(random: () => number, i: number): { name: string; email: string | null } {
  const first = pick(random, FIRST_NAMES);
  const last = pick(random, LAST_NAMES);
  const name = `${first} ${last}`;
  if (random() < 0.12) return { name, email: null };
  const local = `${ascii(first)}.${ascii(last)}${random() < 0.3 ? String(i % 97) : ''}`.toLowerCase();
  return { name, email: `${local}@${pick(random, DOMAINS)}` };
}

/** Comments of 0 to 9 words. */
export function comments(random: () => number): string {
  if (random() < 0.15) return '';
  const count = 2 + Math.floor(random() * 8);
  return Array.from({ length: count }, () => pick(random, COMMENT_WORDS)).join(' ');
}

/** Letters without their accents, for an e-mail's local part. */
function ascii(text: string): string {
  return text.normalize('NFD').replace(/[^A-Za-z]/g, '');
}
