/** A bench script's help text: its file's opening comment, without the comment's marks. */
import { readFileSync } from 'node:fs';

export function helpFromHeader(moduleUrl: string): string {
  const lines = readFileSync(new URL(moduleUrl), 'utf8').split('\n');
  return lines
    .slice(1, lines.indexOf(' */'))
    .map((line) => line.replace(/^ \*? ?/, ''))
    .join('\n');
}
