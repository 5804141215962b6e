/**
 * Exit codes of `lantai` (documented in README.md). 0 only on full success.
 */
export const EXIT = {
  OK: 0,
  /** The command ran but something failed or a check found problems (e.g. one file refused). */
  PROBLEMS: 1,
  /** Wrong command line (unknown command or option, missing argument). */
  USAGE: 2,
  /** The vault could not be opened or created (not a vault, damaged, newer format, not writable). */
  VAULT: 3,
  /** Authentication failed or the role may not do this. */
  DENIED: 4,
  /** Cancelled (Ctrl-C); finished work is kept and the job can be resumed. */
  CANCELLED: 5,
  /** A bug: please report it with the log. */
  INTERNAL: 10,
} as const;
