import { msg, type VaultApi } from '../../api/index.js';
import type { Command } from '../command.js';
import type { CliContext } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { cliMessages } from '../messages.js';
import { readTicket, removeTicket, writeTicket } from '../session-ticket.js';

/** Ends the session this computer keeps for the vault, if any; true when there was a ticket. */
function endKeptSession(ctx: CliContext, api: VaultApi): { username: string } | null {
  const vaultDir = ctx.vaultDir();
  const ticket = readTicket(ctx.io.env, vaultDir);
  if (!ticket) return null;
  try {
    api.accounts.logout(api.accounts.resume(ticket.sessionId, ticket.secret, ctx.device()));
  } catch {
    // Already ended or idle-locked: nothing left to end; the ticket goes all the same.
  }
  removeTicket(ctx.io.env, vaultDir);
  return { username: ticket.username };
}

export const loginCommand: Command = {
  name: 'login',
  summary: cliMessages.loginSummary,
  usage: 'lantai login [--user NAME] [--password-stdin]',
  options: {},
  async run(ctx) {
    const api = await ctx.openVault();
    const creds = await ctx.readCredentials();
    const kept = await ctx.waitingOutThrottle(() => api.accounts.loginResumable(creds.username, creds.password, ctx.device()));
    endKeptSession(ctx, api);
    const vaultDir = ctx.vaultDir();
    writeTicket(ctx.io.env, vaultDir, { vault: vaultDir, sessionId: kept.session.sessionId, secret: kept.secret, username: kept.session.username, device: ctx.device() });
    ctx.say(msg(cliMessages.loggedIn, { username: kept.session.username }));
    ctx.emitJson({ ok: true, username: kept.session.username });
    return EXIT.OK;
  },
};

export const logoutCommand: Command = {
  name: 'logout',
  summary: cliMessages.logoutSummary,
  usage: 'lantai logout',
  options: {},
  async run(ctx) {
    const api = await ctx.openVault();
    const ended = endKeptSession(ctx, api);
    ctx.say(ended ? msg(cliMessages.loggedOut, ended) : cliMessages.notLoggedIn);
    ctx.emitJson({ ok: true, ended: ended !== null, ...(ended ?? {}) });
    return EXIT.OK;
  },
};
