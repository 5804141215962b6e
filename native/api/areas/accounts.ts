import { sessionRoles } from '../../auth/session-state.js';
import {
  changeOwnPassword, createAccount, disableAccount, enableAccount, firstRunSetup, getAuthSettings, listAccounts, needsFirstRunSetup,
  resetPassword, setAccountRoles, unlockAccount, updateAuthSettings, type AccountInfo, type AccountSpec, type FirstRunInput,
} from '../../auth/accounts.js';
import { ACTIONS, ROLE_ACTIONS, type Action, type Role } from '../../auth/permissions.js';
import { provisionAccounts, type PersonToProvision, type ProvisionPlan } from '../../auth/provision.js';
import { loginResumable, resumeSession, type ResumableSession } from '../../auth/resumable-sessions.js';
import { login, logout, unlockSession } from '../../auth/sessions.js';
import type { AuthSettings } from '../../auth/settings.js';
import type { Session } from '../../auth/types.js';
import { Area } from '../area.js';
import type { PermissionsDTO } from '../types.js';

export type { PersonToProvision, ProvisionPlan };

/**
 * People: first-run setup, login, passwords, and the sysadmin's accounts. Changes to the
 * administrators need a second person present: `countersign` is that person's session.
 */
export class AccountsArea extends Area {
  needsSetup(): boolean {
    return needsFirstRunSetup(this.vault.db);
  }

  async setup(input: FirstRunInput, device: string): Promise<{ sysadmin: AccountInfo; securityOfficer: AccountInfo; auditor: AccountInfo }> {
    return firstRunSetup(this.vault.db, input, { device });
  }

  /**
   * A new vault's people set up the way an archive room does (demo, tests): first-run setup
   * makes the three administrators, the sysadmin makes the operators with an initial password
   * (initialPassword), and each operator logs in and replaces it. Needs no session: it starts
   * with first-run setup, which refuses a vault that already has accounts.
   */
  async provision(plan: ProvisionPlan, device: string, initialPassword: (p: PersonToProvision) => string): Promise<void> {
    await provisionAccounts(this.vault.db, plan, device, initialPassword);
  }

  async login(username: string, password: string, device: string): Promise<Session> {
    return login(this.vault.db, username, password, device);
  }

  /** A login whose session later commands on this device resume with the secret (`lantai login`). */
  async loginResumable(username: string, password: string, device: string): Promise<ResumableSession> {
    return loginResumable(this.vault.db, username, password, device);
  }

  /** The session `loginResumable` opened, again, while it is open and not idle-locked. */
  resume(sessionId: string, secret: string, device: string): Session {
    return resumeSession(this.vault.db, sessionId, secret, device);
  }

  logout(session: Session): void {
    logout(this.op(session));
  }

  /** Unlocks an idle-locked session with its owner's password, keeping the screen behind it. */
  async unlock(session: Session, password: string): Promise<Session> {
    return unlockSession(this.vault.db, session, password, { device: session.device });
  }

  async changeOwnPassword(session: Session, oldPassword: string, newPassword: string): Promise<void> {
    await changeOwnPassword(this.op(session), oldPassword, newPassword);
  }

  /** What the session's roles allow, as the database has them: for showing menus, not for deciding. */
  permissions(session: Session): PermissionsDTO {
    const roles = sessionRoles(this.op(session));
    const actions = ACTIONS.filter((a: Action) => roles.some((r) => ROLE_ACTIONS[r].includes(a)));
    return { roles, actions, mustChangePassword: session.mustChangePassword };
  }

  list(session: Session): AccountInfo[] {
    return listAccounts(this.op(session));
  }

  async create(session: Session, spec: AccountSpec, countersign?: Session): Promise<AccountInfo> {
    return createAccount(this.op(session), spec, this.second(countersign));
  }

  setRoles(session: Session, username: string, roles: readonly Role[], countersign?: Session): AccountInfo {
    return setAccountRoles(this.op(session), username, roles, this.second(countersign));
  }

  async resetPassword(session: Session, username: string, newPassword: string, countersign?: Session): Promise<AccountInfo> {
    return resetPassword(this.op(session), username, newPassword, this.second(countersign));
  }

  disable(session: Session, username: string, countersign?: Session): AccountInfo {
    return disableAccount(this.op(session), username, this.second(countersign));
  }

  enable(session: Session, username: string, countersign?: Session): AccountInfo {
    return enableAccount(this.op(session), username, this.second(countersign));
  }

  unlockAccount(session: Session, username: string): AccountInfo {
    return unlockAccount(this.op(session), username);
  }

  settings(): AuthSettings {
    return getAuthSettings(this.vault.db);
  }

  updateSettings(session: Session, patch: Partial<Record<keyof AuthSettings, unknown>>): AuthSettings {
    return updateAuthSettings(this.op(session), patch);
  }

  private second(countersign: Session | undefined) {
    return countersign ? this.op(countersign) : undefined;
  }
}
