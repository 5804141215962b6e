import { approveAccess, listGrants, revokeAccess, type AccessGrant, type ApproveAccessInput } from '../../auth/grants.js';
import { clearClassifiedHold, setAccessStatus, setClassification } from '../../review/classification.js';
import type { Session } from '../../auth/types.js';
import type { Classification } from '../../catalog/types.js';
import { Area } from '../area.js';

/** The security officer's work: 涉密 holds, classification and access status, access approvals. */
export class ReviewArea extends Area {
  /** Releases a 涉密 hold after screening, with the stated basis. */
  clearHold(session: Session, recordId: number, basis: string): { cleared: boolean } {
    clearClassifiedHold(this.op(session), recordId, basis);
    return { cleared: true };
  }

  classify(session: Session, recordId: number, classification: Classification, period: string, basis: string): void {
    setClassification(this.op(session), recordId, classification, period, basis);
  }

  setAccessStatus(session: Session, recordId: number, status: 'open' | 'restricted', basis: string): void {
    setAccessStatus(this.op(session), recordId, status, basis);
  }

  grant(session: Session, input: ApproveAccessInput): AccessGrant[] {
    return approveAccess(this.op(session), input);
  }

  revoke(session: Session, grantId: number): void {
    revokeAccess(this.op(session), grantId);
  }

  grants(session: Session, filter: { username?: string; recordId?: number; all?: boolean } = {}): AccessGrant[] {
    return listGrants(this.op(session), filter);
  }
}
