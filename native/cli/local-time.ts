/**
 * A stored UTC instant as the reader's wall-clock time with its offset, e.g.
 * `2026-03-15 09:30:00 +08:00`: an auditor compares log rows with what people remember and
 * with other local records, and a bare UTC time there is off by the zone. The zone is the
 * caller's TZ when it names one (the CLI's environment, which a test can set per call), else
 * the system's. --json output keeps the stored UTC text.
 */
export function localTime(iso: string, tz?: string): string {
  const when = new Date(iso);
  if (Number.isNaN(when.getTime())) return iso;
  const format = (timeZone: string | undefined) =>
    new Intl.DateTimeFormat('en-CA', {
      ...(timeZone ? { timeZone } : {}),
      year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
      hourCycle: 'h23', timeZoneName: 'longOffset',
    }).formatToParts(when);
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = format(tz && tz.trim() !== '' ? tz.replace(/^:/, '') : undefined);
  } catch {
    parts = format(undefined); // a TZ that ICU does not know: the system's zone, not an error
  }
  const p = (type: Intl.DateTimeFormatPartTypes) => parts.find((x) => x.type === type)?.value ?? '';
  // longOffset is "GMT+08:00", or plain "GMT" at offset zero.
  const offset = p('timeZoneName').replace(/^GMT/, '') || '+00:00';
  return `${p('year')}-${p('month')}-${p('day')} ${p('hour')}:${p('minute')}:${p('second')} ${offset}`;
}
