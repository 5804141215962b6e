import { exportAudit, readAudit, verifyAudit, verifyAuditUnlogged, type AuditExport, type AuditFilter, type AuditPage } from '../../auditor/read.js';
import type { AuditAnchor, AuditVerifyResult } from '../../audit/verify.js';
import type { Session } from '../../auth/types.js';
import { Area } from '../area.js';

/** The auditor's view of the hash-chained log: read, export, verify. */
export class AuditArea extends Area {
  read(session: Session, filter: AuditFilter = {}): AuditPage {
    return readAudit(this.op(session), filter);
  }

  export(session: Session, format: 'csv' | 'json', filter: AuditFilter = {}): AuditExport {
    return exportAudit(this.op(session), format, filter);
  }

  verify(session: Session, anchors: readonly AuditAnchor[] = []): AuditVerifyResult {
    return verifyAudit(this.op(session), anchors);
  }

  /**
   * The auditor's way in when the log refuses appends (a forged tail): checks the password
   * and the role without a session, only reads, and says the check went unlogged.
   */
  async verifyUnlogged(username: string, password: string, device: string, anchors: readonly AuditAnchor[] = []): Promise<AuditVerifyResult & { logged: false }> {
    return verifyAuditUnlogged(this.vault.db, username, password, { anchors, device });
  }
}
