import { audited, authorize, recordAudit } from '../../auth/authorize.js';
import type { Action } from '../../auth/permissions.js';
import type { OperationContext, Session, Target } from '../../auth/types.js';
import { VaultError } from '../../errors.js';
import { packageKeyMessages } from '../../package/index.js';

/** The security officer's approval given at the moment of a signing operation: their live session and the key passphrase. */
export interface KeyApproval {
  approver?: Session;
  keyPassphrase?: string;
}

/**
 * Checks an approval for an operation that signs with the unit's key (a transfer export, a
 * receipt): given at all, by a live security officer (manage_keys), who is not the person
 * asking. A refusal is audited under the operation's own action; returns the approver's
 * context and the passphrase.
 */
export function checkKeyApproval(
  op: OperationContext, actorUserId: number, approval: KeyApproval, action: Action, target: Target, detail: Record<string, unknown>,
  opOf: (s: Session) => OperationContext,
): { approverOp: OperationContext; approver: ReturnType<typeof authorize>; keyPassphrase: string } {
  if (!approval.approver || approval.keyPassphrase === undefined) {
    recordAudit(op, action, target, 'denied', { ...detail, reason: 'NO_APPROVAL' });
    throw audited(VaultError.of('TRANSFER_APPROVAL_REQUIRED', packageKeyMessages.approvalRequired));
  }
  const approverOp = opOf(approval.approver);
  const approver = authorize(approverOp, 'manage_keys', target);
  if (approver.userId === actorUserId) {
    recordAudit(op, action, target, 'denied', { ...detail, reason: 'APPROVER_IS_REQUESTER' });
    throw audited(VaultError.of('TRANSFER_APPROVAL_REQUIRED', packageKeyMessages.approverSelf));
  }
  return { approverOp, approver, keyPassphrase: approval.keyPassphrase };
}
