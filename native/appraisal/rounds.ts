import { audited, authorize, failureDetail, guarded, recordAudit, wasAudited } from '../auth/authorize.js';
import { isoOf, nowOf, recordTarget, type OperationContext } from '../auth/types.js';
import { isLowering } from '../catalog/fields.js';
import { normalizeRetention } from '../catalog/archival-code.js';
import { getRecord } from '../catalog/records.js';
import { readSetting } from '../catalog/settings.js';
import { isStateSecret, type Retention } from '../catalog/types.js';
import { all, get, immediate, type Db } from '../db/database.js';
import { sql } from '../db/sql.js';
import { VaultError } from '../errors.js';
import { appraisalMessages as m } from './messages.js';

/**
 * An appraisal round (鉴定): a proposal per record (keep longer with a new retention, open,
 * restrict, destroy) with its reason; every proposal voted on by at least two members of the
 * 鉴定小组 (a setting, never fewer than two); the round approved by the security officer, who
 * is none of the voters. Approval applies keep/open/restrict at once; destruction is carried
 * out afterwards (destroy.ts), never without the approval and the register row.
 */

export const PROPOSAL_ACTIONS = ['keep', 'open', 'restrict', 'destroy'] as const;
export type ProposalAction = (typeof PROPOSAL_ACTIONS)[number];

export interface ProposeInput {
  roundId?: number;
  title?: string;
  recordId: number;
  action: ProposalAction;
  newRetention?: string;
  reason: string;
  /** Required when the new retention is shorter than the one in force. */
  loweringReason?: string;
}

export interface Vote {
  username: string;
  vote: 'agree' | 'disagree';
  comment: string;
  at: string;
}

export interface Proposal {
  id: number;
  recordId: number;
  archivalCode: string;
  title: string;
  action: ProposalAction;
  newRetention: Retention | null;
  reason: string;
  loweringReason: string;
  appliedAt: string | null;
  votes: Vote[];
}

export interface Round {
  id: number;
  title: string;
  state: 'open' | 'approved' | 'executed';
  createdAt: string;
  approvedBy: string | null;
  approvedAt: string | null;
  approvalBasis: string | null;
  proposals: Proposal[];
}

export function minDeciders(db: Db): number {
  return Math.max(2, Number(readSetting(db, 'appraisal.minDeciders')) || 2);
}

export function readRound(db: Db, id: number): Round {
  const r = get<{ id: number; title: string; state: Round['state']; createdAt: string; approvedBy: string | null; approvedAt: string | null; basis: string | null }>(db,
    sql`SELECT a.id, a.title, a.state, a.created_at AS createdAt, (SELECT username FROM accounts WHERE id = a.approved_by) AS approvedBy,
      a.approved_at AS approvedAt, a.approval_basis AS basis FROM appraisal_rounds a WHERE a.id = ${id}`);
  if (!r) throw VaultError.of('APPRAISAL_NOT_FOUND', m.noRound, { id });
  const proposals = all<Omit<Proposal, 'votes'>>(db, sql`SELECT p.id, p.record_id AS recordId, r.archival_code AS archivalCode, r.title, p.action,
      p.new_retention AS newRetention, p.reason, p.lowering_reason AS loweringReason, p.applied_at AS appliedAt
    FROM appraisal_proposals p JOIN records r ON r.id = p.record_id WHERE p.round_id = ${id} ORDER BY p.id`);
  const votes = all<Vote & { proposalId: number }>(db, sql`SELECT d.proposal_id AS proposalId, d.account_name AS username, d.vote, d.comment, d.at
    FROM appraisal_decisions d JOIN appraisal_proposals p ON p.id = d.proposal_id WHERE p.round_id = ${id} ORDER BY d.at`);
  return {
    id: r.id, title: r.title, state: r.state, createdAt: r.createdAt, approvedBy: r.approvedBy, approvedAt: r.approvedAt, approvalBasis: r.basis,
    proposals: proposals.map((p) => ({ ...p, votes: votes.filter((v) => v.proposalId === p.id).map(({ proposalId: _p, ...v }) => v) })),
  };
}

function requireState(round: Round, state: Round['state'], what: string): void {
  if (round.state !== state) throw VaultError.of('APPRAISAL_STATE', m.roundState, { id: round.id, state: round.state, what });
}

/** Adds a proposal (creating the round when a title is given). */
export function propose(ctx: OperationContext, input: ProposeInput): { roundId: number; proposalId: number } {
  const target = recordTarget(input.recordId);
  const actor = authorize(ctx, 'appraise', target);
  try {
    return immediate(ctx.db, () => {
      const at = isoOf(nowOf(ctx));
      const rec = getRecord(ctx.db, input.recordId);
      if (!rec) throw VaultError.of('RECORD_NOT_FOUND', m.noRound, { id: input.recordId });
      if (rec.disposal === 'destroyed') throw VaultError.of('RECORD_DESTROYED', m.nothingToDestroy, { id: input.recordId });
      if (!(PROPOSAL_ACTIONS as readonly string[]).includes(input.action)) throw VaultError.of('APPRAISAL_INVALID', m.badAction, { action: String(input.action) });
      const reason = String(input.reason ?? '').trim();
      if (reason === '') throw VaultError.of('APPRAISAL_INVALID', m.reasonRequired);
      const inForce = rec.appraisedRetention ?? rec.retention;
      let newRetention: Retention | null = null;
      if (input.newRetention !== undefined && input.newRetention !== '') {
        newRetention = normalizeRetention(input.newRetention) ?? null;
        if (!newRetention) throw VaultError.of('APPRAISAL_INVALID', m.keepNeedsRetention);
      }
      if (input.action === 'keep' && !newRetention) throw VaultError.of('APPRAISAL_INVALID', m.keepNeedsRetention);
      if (input.action === 'keep' && newRetention === inForce) throw VaultError.of('APPRAISAL_INVALID', m.sameRetention, { code: rec.archivalCode, retention: inForce });
      const loweringReason = String(input.loweringReason ?? '').trim();
      if (newRetention && isLowering(inForce, newRetention) && loweringReason === '') {
        throw VaultError.of('RETENTION_LOWERED_NO_REASON', m.retentionLowered, { code: rec.archivalCode, from: inForce, to: newRetention });
      }
      const secret = rec.classifiedHold || isStateSecret(rec.classification);
      if ((input.action === 'destroy' || input.action === 'open') && secret) throw VaultError.of('APPRAISAL_INVALID', m.classified, { code: rec.archivalCode });
      if (input.action === 'destroy' && inForce === 'Y') throw VaultError.of('APPRAISAL_INVALID', m.permanent, { code: rec.archivalCode });
      const other = get<{ round: number }>(ctx.db, sql`SELECT p.round_id AS round FROM appraisal_proposals p JOIN appraisal_rounds a ON a.id = p.round_id
        WHERE p.record_id = ${rec.id} AND p.applied_at IS NULL AND a.state <> 'executed'`);
      if (other) throw VaultError.of('APPRAISAL_INVALID', m.inOtherRound, { code: rec.archivalCode, round: other.round });
      let roundId = input.roundId;
      if (roundId === undefined) {
        const title = String(input.title ?? '').trim();
        if (title === '') throw VaultError.of('APPRAISAL_INVALID', m.needTitle);
        roundId = Number(ctx.db.prepare('INSERT INTO appraisal_rounds (title, created_by, created_at) VALUES (?, ?, ?)').run(title, actor.userId, at).lastInsertRowid);
      } else requireState(readRound(ctx.db, roundId), 'open', 'add proposals');
      const proposalId = Number(ctx.db.prepare(`INSERT INTO appraisal_proposals (round_id, record_id, action, new_retention, reason, lowering_reason, proposed_by, proposed_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)`).run(roundId, rec.id, input.action, newRetention, reason, loweringReason, actor.userId, at).lastInsertRowid);
      recordAudit(ctx, 'appraise', target, 'ok', { op: 'propose', roundId, proposalId, archivalCode: rec.archivalCode, action: input.action, retentionInForce: inForce, newRetention, reason, ...(loweringReason ? { loweringReason } : {}) });
      return { roundId, proposalId };
    });
  } catch (e) {
    if (!wasAudited(e)) recordAudit(ctx, 'appraise', target, 'failed', { ...failureDetail(e), op: 'propose', action: input.action });
    throw e;
  }
}

/** A member of the 鉴定小组 votes on a round's proposals (all, or the ones named); one vote per person each. */
export function vote(ctx: OperationContext, roundId: number, choice: 'agree' | 'disagree', comment = '', proposalIds?: readonly number[]): Round {
  const target = { type: 'appraisal_round', id: roundId };
  return guarded(ctx, 'appraise', target, (actor) => immediate(ctx.db, () => {
    const round = readRound(ctx.db, roundId);
    requireState(round, 'open', 'vote');
    if (choice !== 'agree' && choice !== 'disagree') throw VaultError.of('APPRAISAL_INVALID', m.badAction, { action: String(choice) });
    const chosen = proposalIds ?? round.proposals.map((p) => p.id);
    for (const id of chosen) if (!round.proposals.some((p) => p.id === id)) throw VaultError.of('APPRAISAL_NOT_FOUND', m.noProposal, { round: roundId, id });
    const at = isoOf(nowOf(ctx));
    // A vote once given stands (the decisions table is never rewritten): INSERT only.
    const st = ctx.db.prepare('INSERT OR IGNORE INTO appraisal_decisions (proposal_id, account_id, account_name, vote, comment, at) VALUES (?, ?, ?, ?, ?, ?)');
    let n = 0;
    for (const id of chosen) n += st.run(id, actor.userId, actor.username, choice, comment, at).changes;
    recordAudit(ctx, 'appraise', target, 'ok', { op: 'vote', vote: choice, proposals: chosen, recorded: n, ...(comment ? { comment } : {}) });
    return readRound(ctx.db, roundId);
  }));
}

function agreeing(p: Proposal): Vote[] {
  return p.votes.filter((v) => v.vote === 'agree');
}

/**
 * The security officer approves a round: every proposal needs at least minDeciders members
 * agreeing and more agreeing than not; the approver voted on none. keep/open/restrict take
 * effect now; destroy waits for destroyRound.
 */
export function approveRound(ctx: OperationContext, roundId: number, basis: string): Round {
  const target = { type: 'appraisal_round', id: roundId };
  const actor = authorize(ctx, 'approve_appraisal', target);
  try {
    return immediate(ctx.db, () => {
      const round = readRound(ctx.db, roundId);
      requireState(round, 'open', 'approve');
      const why = String(basis ?? '').trim();
      if (why === '') throw VaultError.of('APPRAISAL_INVALID', m.basisRequired);
      const min = minDeciders(ctx.db);
      const short = round.proposals.filter((p) => agreeing(p).length < min || agreeing(p).length <= p.votes.length - agreeing(p).length);
      if (short.length > 0 || round.proposals.length === 0) {
        const list = short.map((p) => `${p.archivalCode}(${p.action}: ${agreeing(p).length}/${min})`).join('，');
        const e = VaultError.of('APPRAISAL_VOTES_SHORT', m.votesShort, { min, list }, { proposals: short.map((p) => p.id) });
        recordAudit(ctx, 'approve_appraisal', target, 'denied', { reason: 'VOTES_SHORT', short: short.map((p) => ({ code: p.archivalCode, agree: agreeing(p).length })) });
        throw audited(e);
      }
      if (round.proposals.some((p) => p.votes.some((v) => v.username.toLowerCase() === actor.username.toLowerCase()))) throw VaultError.of('APPRAISAL_INVALID', m.deciderIsApprover);
      const at = isoOf(nowOf(ctx));
      ctx.db.prepare("UPDATE appraisal_rounds SET state = 'approved', approved_by = ?, approved_at = ?, approval_basis = ? WHERE id = ?").run(actor.userId, at, why, roundId);
      for (const p of round.proposals) {
        if (p.action === 'destroy') continue;
        const rec = getRecord(ctx.db, p.recordId)!;
        if (p.action === 'keep') ctx.db.prepare('UPDATE records SET appraised_retention = ?, updated_at = ? WHERE id = ?').run(p.newRetention, at, p.recordId);
        else ctx.db.prepare('UPDATE records SET access_status = ?, updated_at = ? WHERE id = ?').run(p.action === 'open' ? 'open' : 'restricted', at, p.recordId);
        ctx.db.prepare('UPDATE appraisal_proposals SET applied_at = ? WHERE id = ?').run(at, p.id);
        const field = p.action === 'keep' ? 'appraised_retention' : 'access_status';
        recordAudit(ctx, 'approve_appraisal', recordTarget(p.recordId), 'ok', {
          op: 'apply', roundId, proposalId: p.id, archivalCode: p.archivalCode, field,
          before: p.action === 'keep' ? rec.appraisedRetention ?? rec.retention : rec.accessStatus,
          after: p.action === 'keep' ? p.newRetention : p.action === 'open' ? 'open' : 'restricted',
          reason: p.reason, deciders: agreeing(p).map((v) => v.username),
        });
      }
      if (round.proposals.every((p) => p.action !== 'destroy')) ctx.db.prepare("UPDATE appraisal_rounds SET state = 'executed' WHERE id = ?").run(roundId);
      recordAudit(ctx, 'approve_appraisal', target, 'ok', { basis: why, proposals: round.proposals.length, destroy: round.proposals.filter((p) => p.action === 'destroy').map((p) => p.archivalCode) });
      return readRound(ctx.db, roundId);
    });
  } catch (e) {
    if (!wasAudited(e)) recordAudit(ctx, 'approve_appraisal', target, 'failed', failureDetail(e));
    throw e;
  }
}

/** Rounds, newest first (the archivist's and the security officer's view). */
export function listRounds(db: Db): { id: number; title: string; state: string; proposals: number; createdAt: string }[] {
  return all(db, sql`SELECT a.id, a.title, a.state, a.created_at AS createdAt, (SELECT count(*) FROM appraisal_proposals p WHERE p.round_id = a.id) AS proposals
    FROM appraisal_rounds a ORDER BY a.id DESC`);
}
