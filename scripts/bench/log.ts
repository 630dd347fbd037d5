/** A progress line of the bench, before its report. */
export const log = (message: string) => console.log(`[bench] ${message}`);
