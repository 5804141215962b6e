import type { Command } from '../command.js';
import { exportCommand } from './export.js';
import { backupCommand, migrateCommand, repairCommand, verifyMediaCommand } from './backup.js';
import { alertsCommand, coverageCommand, rotationCommand } from './coverage.js';
import { mediaCommand } from './media.js';
import { restoreCommand } from './restore.js';
import { editCommand } from './edit.js';
import { catalogCommand } from './catalog.js';
import { printCommand } from './print.js';
import { appraisalCommand } from './appraisal.js';
import { declassifyCommand } from './declassify.js';
import { keysCommand } from './keys.js';
import { transferCommand } from './transfer.js';
import { verifyPackageCommand } from './verify-package.js';
import { textCommand } from './text.js';
import { importPackageCommand } from './import-package.js';
import { appCommand } from './app.js';
import { auditCommand } from './audit.js';
import { checkCommand } from './check.js';
import { demoCommand } from './demo.js';
import { ingestCommand } from './ingest.js';
import { initCommand } from './init.js';
import { jobsCommand, resumeCommand } from './jobs.js';
import { listCommand } from './list.js';
import { ocrCommand } from './ocr.js';
import { passwdCommand } from './passwd.js';
import { loginCommand, logoutCommand } from './login.js';
import { registerCommand } from './register.js';
import { reindexCommand } from './reindex.js';
import { reviewCommand } from './review.js';
import { samplesCommand } from './samples.js';
import { searchCommand } from './search.js';
import { setupCommand } from './setup.js';
import { showCommand } from './show.js';
import { suggestionsCommand } from './suggestions.js';
import { usersCommand } from './users.js';
import { watchCommand } from './watch.js';
import { projectCommand } from './project.js';
import { precheckCommand } from './precheck.js';
import { sheetCommand } from './sheet.js';
import { qcCommand } from './qc.js';
import { devicesCommand } from './devices.js';

/** Every `lantai` command, in the order `lantai --help` lists them: daily work first. */
export const commands: readonly Command[] = [
  initCommand,
  setupCommand,
  loginCommand,
  logoutCommand,
  ingestCommand,
  watchCommand,
  ocrCommand,
  searchCommand,
  listCommand,
  showCommand,
  textCommand,
  suggestionsCommand,
  editCommand,
  catalogCommand,
  printCommand,
  checkCommand,
  jobsCommand,
  resumeCommand,
  appCommand,
  reindexCommand,
  usersCommand,
  passwdCommand,
  reviewCommand,
  registerCommand,
  auditCommand,
  samplesCommand,
  demoCommand,
  keysCommand,
  exportCommand,
  verifyPackageCommand,
  importPackageCommand,
  transferCommand,
  mediaCommand,
  backupCommand,
  verifyMediaCommand,
  alertsCommand,
  coverageCommand,
  rotationCommand,
  repairCommand,
  migrateCommand,
  restoreCommand,
  projectCommand,
  precheckCommand,
  sheetCommand,
  qcCommand,
  devicesCommand,
  appraisalCommand,
  declassifyCommand,
];
