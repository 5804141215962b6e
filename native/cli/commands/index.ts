import type { Command } from '../command.js';
import { checkCommand } from './check.js';
import { ingestCommand } from './ingest.js';
import { initCommand } from './init.js';
import { jobsCommand, resumeCommand } from './jobs.js';
import { listCommand } from './list.js';
import { samplesCommand } from './samples.js';
import { showCommand } from './show.js';
import { watchCommand } from './watch.js';
import { setupCommand } from './setup.js';
import { usersCommand } from './users.js';
import { passwdCommand } from './passwd.js';
import { auditCommand } from './audit.js';
import { reviewCommand } from './review.js';
import { registerCommand } from './register.js';

/** Every `lantai` command, in the order `lantai --help` lists them. */
export const commands: readonly Command[] = [
  initCommand,
  ingestCommand,
  watchCommand,
  listCommand,
  showCommand,
  checkCommand,
  jobsCommand,
  resumeCommand,
  setupCommand,
  usersCommand,
  passwdCommand,
  auditCommand,
  reviewCommand,
  registerCommand,
];
